"""Korean personal names in English text: the Revised Romanization of Korean (koroman),
syllable by syllable as the rules ask for names (no sound change between the syllables of a
given name: 오재련 → Jaeryeon, not Jaeryeon's pronounced form), family name first.

Family names keep the spelling Koreans use for them abroad (passports, the city's own English
pages): 이 is Lee, not I; 박 is Park, not Bak. Those few customary spellings are listed here; any
other family name is romanised like the given name. Transliteration, not translation: nothing
is guessed, and a text that is not a Korean name of 2–4 syllables is returned as it is.
"""

import re

from koroman import romanize

_NAME = re.compile(r"^[\uac00-\ud7a3]{2,3}$")

# Customary spellings of the most common family names (the Revised Romanization in brackets
# where it differs).
FAMILY_NAMES = {
    "김": "Kim", "이": "Lee", "박": "Park", "최": "Choi", "정": "Jung", "강": "Kang",
    "조": "Cho", "윤": "Yoon", "장": "Jang", "임": "Lim", "한": "Han", "오": "Oh", "서": "Seo",
    "신": "Shin", "권": "Kwon", "황": "Hwang", "안": "Ahn", "송": "Song", "류": "Ryu",
    "유": "Yoo", "홍": "Hong", "전": "Jeon", "고": "Ko", "문": "Moon", "양": "Yang",
    "손": "Son", "배": "Bae", "백": "Baek", "허": "Heo", "노": "Noh", "심": "Shim",
    "하": "Ha", "곽": "Kwak", "성": "Sung", "차": "Cha", "주": "Joo", "우": "Woo",
    "구": "Koo", "나": "Na", "민": "Min", "진": "Jin", "지": "Ji", "엄": "Eom", "채": "Chae",
    "원": "Won", "천": "Cheon", "방": "Bang", "공": "Kong", "현": "Hyun", "함": "Ham",
    "변": "Byun", "염": "Yeom", "여": "Yeo", "추": "Choo", "도": "Do", "소": "So", "석": "Seok",
    "선": "Sun", "설": "Seol", "마": "Ma", "길": "Gil", "연": "Yeon", "위": "Wi", "표": "Pyo",
    "명": "Myung", "기": "Ki", "반": "Ban", "왕": "Wang", "금": "Keum", "옥": "Ok", "육": "Yuk",
    "인": "In", "맹": "Maeng", "제": "Je", "모": "Mo", "탁": "Tak", "국": "Kook", "어": "Eo",
    "은": "Eun", "편": "Pyeon", "용": "Yong",
}  # fmt: skip


def _syllables(text):
    return "".join(romanize(syllable) for syllable in text)


def personal_name(name):
    """A Korean name of two or three syllables (family name of one syllable first) in Latin
    letters: 오재련 → Oh Jaeryeon, 박기용 → Park Giyong. Anything else unchanged."""
    name = (name or "").strip()
    if not _NAME.match(name):
        return name
    family, given = name[0], name[1:]
    family_latin = FAMILY_NAMES.get(family) or _syllables(family).capitalize()
    return f"{family_latin} {_syllables(given).capitalize()}"
