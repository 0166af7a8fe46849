"""The agency's images for its documents (ครุฑ emblem, logo): PNG or JPEG, told by their
content, never by a file name, and of a size a document can print."""

from __future__ import annotations

import io
import warnings

from PIL import Image

MAX_BYTES = 2 * 1024 * 1024
MIN_SIDE, MAX_SIDE = 64, 4000
TYPES = {"PNG": "image/png", "JPEG": "image/jpeg"}


class ImageProblem(ValueError):
    """An uploaded image that cannot go into a document; the message says why."""


def check_image(data: bytes) -> tuple[str, int, int]:
    """(content type, width, height) of a usable image; raises `ImageProblem` otherwise."""
    if len(data) > MAX_BYTES:
        raise ImageProblem("ไฟล์ภาพใหญ่เกิน ๒ MB / the image is larger than 2 MB")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                kind = image.format
                width, height = image.size
                image.verify()  # a truncated or corrupt file fails here
    except Exception as exc:  # Pillow raises many kinds; none is a usable image
        raise ImageProblem("ไฟล์นี้ไม่ใช่ภาพ PNG หรือ JPEG / not a PNG or JPEG image") from exc
    if kind not in TYPES:
        raise ImageProblem(
            f"ใช้ได้เฉพาะภาพ PNG หรือ JPEG (ไฟล์นี้เป็น {kind}) / only PNG or JPEG images ({kind})"
        )
    if min(width, height) < MIN_SIDE or max(width, height) > MAX_SIDE:
        raise ImageProblem(
            f"ขนาดภาพต้องอยู่ระหว่าง {MIN_SIDE} ถึง {MAX_SIDE} พิกเซลต่อด้าน (ภาพนี้ {width}×{height}) / "
            f"each side must be {MIN_SIDE}–{MAX_SIDE} pixels (this one is {width}×{height})"
        )
    return TYPES[kind], width, height
