"""Stable codes from shared/spec/REGULATIONS.md. Data and code key on these, never on labels."""

BEIHAI = "beihai-foreign-talent"
NANNING = "nanning-ftz-urgent-talent"
REGULATION_CODES = (BEIHAI, NANNING)

TIER_I, TIER_II, TIER_III = "I", "II", "III"
TIERS = (TIER_I, TIER_II, TIER_III)
TIER_RANK = {TIER_III: 1, TIER_II: 2, TIER_I: 3}

NN_CASE = "NN-CASE"

# Art. 12 of the Nanning measures: revocation reasons; (1)-(3) bar any later application.
REVOCATION_FALSE_MATERIALS = "false-materials"
REVOCATION_ILLEGAL_ACTS = "illegal-acts"
REVOCATION_ACADEMIC_FRAUD = "academic-fraud"
REVOCATION_STOPPED_WORKING = "stopped-working"
REVOCATION_BEIHAI_FRAUD = "beihai-fraud"
BARRING_REVOCATIONS = {
    REVOCATION_FALSE_MATERIALS,
    REVOCATION_ILLEGAL_ACTS,
    REVOCATION_ACADEMIC_FRAUD,
    REVOCATION_BEIHAI_FRAUD,
}
