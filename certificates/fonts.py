"""Per-document CJK font subsets cut with HarfBuzz before WeasyPrint sees the font.

Why: WeasyPrint subsets fonts with "retain glyph ids", so embedding Noto Serif CJK SC keeps an empty slot for
every glyph id up to the highest one used. Chinese glyphs sit near id 60 000, which costs ~300 KB per PDF even
for a one-page certificate. Cutting a subset of just the document's characters first (dense glyph ids, taken
from the *full* font, so rare characters such as 𠮷 or 䶮 are never missed) brings a certificate to ~40 KB.
If HarfBuzz subsetting is missing the documents still render with the system font, only larger and slower;
certificates.checks warns about it.
"""

import functools
import hashlib
import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)

FAMILY = "TalentPortal Serif"
SYSTEM_FAMILY = "Noto Serif CJK SC"
DEFAULT_FONT_DIR = "/usr/share/fonts/opentype/noto"
FONT_FILES = {400: "NotoSerifCJK-Regular.ttc", 700: "NotoSerifCJK-Bold.ttc"}
# Always kept, so markup escapes, numbers and Latin text never miss a glyph.
BASE_CHARACTERS = "".join(chr(c) for c in range(0x20, 0x7F)) + "·—–‘’“”…、。，：；（）《》〈〉「」【】！？ 　"

_CDEF = """
typedef struct hb_blob_t hb_blob_t;
typedef struct hb_face_t hb_face_t;
typedef struct hb_set_t hb_set_t;
typedef struct hb_subset_input_t hb_subset_input_t;
typedef uint32_t hb_codepoint_t;
hb_blob_t *hb_blob_create_from_file_or_fail (const char *file_name);
void hb_blob_destroy (hb_blob_t *blob);
const char *hb_blob_get_data (hb_blob_t *blob, unsigned int *length);
hb_face_t *hb_face_create (hb_blob_t *blob, unsigned int index);
unsigned int hb_face_count (hb_blob_t *blob);
void hb_face_destroy (hb_face_t *face);
hb_blob_t *hb_face_reference_blob (hb_face_t *face);
hb_blob_t *hb_face_reference_table (const hb_face_t *face, uint32_t tag);
void hb_set_add (hb_set_t *set, hb_codepoint_t codepoint);
hb_subset_input_t *hb_subset_input_create_or_fail (void);
void hb_subset_input_destroy (hb_subset_input_t *input);
hb_set_t *hb_subset_input_unicode_set (hb_subset_input_t *input);
void hb_subset_input_set_flags (hb_subset_input_t *input, unsigned value);
hb_face_t *hb_subset_or_fail (hb_face_t *source, const hb_subset_input_t *input);
"""
_FLAG_DESUBROUTINIZE = 0x04
_FLAG_NO_LAYOUT_CLOSURE = 0x200
_lock = threading.Lock()


@dataclass(frozen=True)
class _HarfBuzz:
    ffi: object
    hb: object


@functools.cache
def _harfbuzz() -> _HarfBuzz | None:
    try:
        from cffi import FFI

        ffi = FFI()
        ffi.cdef(_CDEF)
        hb = ffi.dlopen("libharfbuzz-subset.so.0")
        hb.hb_subset_input_create_or_fail  # noqa: B018 - resolve the symbol now, not mid-render
        return _HarfBuzz(ffi=ffi, hb=hb)
    except (ImportError, OSError, AttributeError) as exc:
        logger.debug("HarfBuzz subsetting unavailable: %s", exc)
        return None


def harfbuzz_subset_available() -> bool:
    return _harfbuzz() is not None


def font_dir() -> Path:
    return Path(getattr(settings, "CERTIFICATE_FONT_DIR", DEFAULT_FONT_DIR))


def font_files_present() -> bool:
    return all((font_dir() / name).exists() for name in FONT_FILES.values())


@functools.cache
def _face(weight: int):
    """The Simplified Chinese face of a Noto Serif CJK collection, kept open for the process (warm renders)."""
    lib = _harfbuzz()
    path = font_dir() / FONT_FILES[weight]
    blob = lib.hb.hb_blob_create_from_file_or_fail(str(path).encode())
    if blob == lib.ffi.NULL:
        raise FileNotFoundError(path)
    index = _sc_index(path)
    return lib.hb.hb_face_create(blob, index)


@functools.cache
def _sc_index(path: Path) -> int:
    from fontTools.ttLib import TTCollection

    collection = TTCollection(str(path), lazy=True)
    for index, font in enumerate(collection.fonts):
        if font["name"].getDebugName(1) == SYSTEM_FAMILY:
            return index
    raise LookupError(f"{SYSTEM_FAMILY} not found in {path}")


@functools.lru_cache(maxsize=256)
def subset_font(weight: int, characters: str) -> bytes | None:
    """An OpenType (CFF) font with only `characters`, glyph ids renumbered densely; None if it cannot be cut."""
    lib = _harfbuzz()
    if lib is None or not font_files_present():
        return None
    ffi, hb = lib.ffi, lib.hb
    with _lock:  # hb faces are thread-safe for reading, but keep the cache fill simple
        face = _face(weight)
    subset_input = hb.hb_subset_input_create_or_fail()
    if subset_input == ffi.NULL:
        return None
    try:
        unicodes = hb.hb_subset_input_unicode_set(subset_input)
        for character in characters:
            hb.hb_set_add(unicodes, ord(character))
        hb.hb_subset_input_set_flags(subset_input, _FLAG_DESUBROUTINIZE | _FLAG_NO_LAYOUT_CLOSURE)
        subset_face = hb.hb_subset_or_fail(face, subset_input)
        if subset_face == ffi.NULL:
            return None
        blob = hb.hb_face_reference_blob(subset_face)
        length = ffi.new("unsigned int *")
        data = hb.hb_blob_get_data(blob, length)
        content = bytes(ffi.buffer(data, length[0]))
        hb.hb_blob_destroy(blob)
        hb.hb_face_destroy(subset_face)
        return content or None
    finally:
        hb.hb_subset_input_destroy(subset_input)


def document_fonts(text: str) -> dict[str, bytes]:
    """{name: font bytes} for the @font-face rules of one document (empty when subsetting is unavailable)."""
    characters = "".join(sorted(set(text) | set(BASE_CHARACTERS)))
    fonts = {}
    for weight in FONT_FILES:
        content = subset_font(weight, characters)
        if content is None:
            return {}
        digest = hashlib.sha256(content).hexdigest()[:16]
        fonts[f"{weight}-{digest}.otf"] = content
    return fonts
