"""Nationality names for certificates (zh, en), keyed by ISO 3166 alpha-2; an unknown code prints as itself."""

NAMES = {
    "AR": ("阿根廷", "Argentina"),
    "AU": ("澳大利亚", "Australia"),
    "AT": ("奥地利", "Austria"),
    "BD": ("孟加拉国", "Bangladesh"),
    "BE": ("比利时", "Belgium"),
    "BN": ("文莱", "Brunei"),
    "BR": ("巴西", "Brazil"),
    "CA": ("加拿大", "Canada"),
    "CH": ("瑞士", "Switzerland"),
    "CL": ("智利", "Chile"),
    "CN": ("中国", "China"),
    "CZ": ("捷克", "Czechia"),
    "DE": ("德国", "Germany"),
    "DK": ("丹麦", "Denmark"),
    "EG": ("埃及", "Egypt"),
    "ES": ("西班牙", "Spain"),
    "FI": ("芬兰", "Finland"),
    "FR": ("法国", "France"),
    "GB": ("英国", "United Kingdom"),
    "GR": ("希腊", "Greece"),
    "HU": ("匈牙利", "Hungary"),
    "ID": ("印度尼西亚", "Indonesia"),
    "IE": ("爱尔兰", "Ireland"),
    "IL": ("以色列", "Israel"),
    "IN": ("印度", "India"),
    "IT": ("意大利", "Italy"),
    "JP": ("日本", "Japan"),
    "KH": ("柬埔寨", "Cambodia"),
    "KR": ("韩国", "Republic of Korea"),
    "KZ": ("哈萨克斯坦", "Kazakhstan"),
    "LA": ("老挝", "Laos"),
    "MM": ("缅甸", "Myanmar"),
    "MX": ("墨西哥", "Mexico"),
    "MY": ("马来西亚", "Malaysia"),
    "NL": ("荷兰", "Netherlands"),
    "NO": ("挪威", "Norway"),
    "NZ": ("新西兰", "New Zealand"),
    "PH": ("菲律宾", "Philippines"),
    "PK": ("巴基斯坦", "Pakistan"),
    "PL": ("波兰", "Poland"),
    "PT": ("葡萄牙", "Portugal"),
    "RU": ("俄罗斯", "Russia"),
    "SE": ("瑞典", "Sweden"),
    "SG": ("新加坡", "Singapore"),
    "TH": ("泰国", "Thailand"),
    "TR": ("土耳其", "Türkiye"),
    "UA": ("乌克兰", "Ukraine"),
    "US": ("美国", "United States"),
    "VN": ("越南", "Viet Nam"),
    "ZA": ("南非", "South Africa"),
}


def nationality_zh(code: str) -> str:
    return NAMES.get((code or "").upper(), (code, code))[0]


def nationality_en(code: str) -> str:
    return NAMES.get((code or "").upper(), (code, code))[1]
