"""What an employer types into the Beihai application form for criterion BH-1 (an A-class work permit issued in
Beihai): one sample for the load benchmark and the tests. Plain data, importable without Django."""

BEIHAI_BH1_FORM = {
    "full_name": "Jane Doe",
    "sex": "F",
    "nationality": "GB",
    "birth_date": "1980-05-02",
    "document_type": "passport",
    "document_number": "E12345678",
    "position": "首席工程师",
    "permit_valid_from": "2025-01-01",
    "permit_valid_until": "2028-03-31",
    "work_permit_class": "A",
    "work_permit_issued_by_beihai": "on",
    "unit_contact_name": "王经理",
    "unit_contact_phone": "0779-1234567",
    "criterion": "BH-1",
}
