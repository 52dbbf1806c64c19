"""Stable codes from shared/spec/REGULATIONS.md. Data and code key on these, never on labels."""

BEIHAI = "beihai-foreign-talent"
NANNING = "nanning-ftz-urgent-talent"
REGULATION_CODES = (BEIHAI, NANNING)

# Nanning Art. 8 (一事一议): the criterion decided case by case by the leadership group.
NN_CASE = "NN-CASE"

# Tiers, revocation reasons and the other vocabularies: regulations.policies.vocabularies.
