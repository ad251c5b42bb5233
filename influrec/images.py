"""Safe loading of any user or crawled image into an RGB PIL image, or one clear error."""
from __future__ import annotations

import io
import os
import struct
import warnings
from pathlib import Path
from typing import BinaryIO, Union

import numpy as np
from PIL import Image, ImageOps

from influrec.errors import UnreadableImage
from influrec.settings import get_settings

ImageSource = Union[bytes, bytearray, memoryview, str, os.PathLike, BinaryIO]

# Only these decoders are ever run on untrusted bytes (the JPEG one also reads the MPO
# variant many phones write).
FORMATS = ("JPEG", "PNG", "WEBP", "GIF")


def _read_capped(source: ImageSource, max_bytes: int) -> bytes:
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
    elif isinstance(source, (str, os.PathLike)):
        path = Path(source)
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            raise UnreadableImage(f"Image file not found: {path}") from None
        except OSError as exc:
            raise UnreadableImage(f"Cannot read image file {path}: {exc.strerror}") from None
        if size > max_bytes:
            raise UnreadableImage(_too_big(size, max_bytes))
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise UnreadableImage(f"Cannot read image file {path}: {exc.strerror}") from None
    elif hasattr(source, "read"):
        data = source.read(max_bytes + 1)
        if not isinstance(data, (bytes, bytearray)):
            raise UnreadableImage("The upload could not be read as binary data.")
        data = bytes(data)
    else:
        raise UnreadableImage(f"Cannot read an image from a {type(source).__name__}.")
    if len(data) > max_bytes:
        raise UnreadableImage(_too_big(len(data), max_bytes))
    if not data:
        raise UnreadableImage("The file is empty (0 bytes); please choose a photo.")
    return data


def _too_big(size: int, max_bytes: int) -> str:
    return (f"The file is too large ({size / 1e6:.1f} MB); "
            f"the limit is {max_bytes / 1e6:.0f} MB.")


def _to_rgb(im: Image.Image) -> Image.Image:
    """Any decoded mode to RGB; transparency is laid on white, 16-bit scaled to 8-bit."""
    if im.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        arr = np.asarray(im, dtype=np.float64)
        hi = 65535.0 if im.mode.startswith("I;16") or arr.max(initial=0) > 255 else 255.0
        arr = np.clip(arr / hi * 255.0, 0, 255).astype(np.uint8)
        return Image.fromarray(arr, "L").convert("RGB")
    if im.mode == "P" and "transparency" in im.info:
        im = im.convert("RGBA")
    if im.mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        rgba = im.convert("RGBA")
        bg = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(bg, rgba).convert("RGB")
    return im.convert("RGB")  # CMYK, YCbCr, L, 1, P, RGB


def open_image(source: ImageSource, *, max_bytes: int | None = None,
               max_pixels: int | None = None) -> Image.Image:
    """Decode `source` into an upright RGB image, fully loaded.

    :param source: bytes, a binary file object (e.g. a Streamlit upload) or a path.
    :param max_bytes: refuse larger inputs (default: settings.max_image_bytes).
    :param max_pixels: refuse larger images, before decoding them (default:
        settings.max_image_pixels); this is the guard against decompression bombs.
    :returns: a loaded ``PIL.Image`` in mode RGB; for an animated GIF/WebP, its first frame;
        EXIF orientation applied.
    :raises UnreadableImage: with a message a user can act on.
    """
    settings = get_settings()
    max_bytes = settings.max_image_bytes if max_bytes is None else max_bytes
    max_pixels = settings.max_image_pixels if max_pixels is None else max_pixels
    data = _read_capped(source, max_bytes)
    try:
        with warnings.catch_warnings():
            # Our own pixel cap below decides; Pillow's global bomb warning would only be noise.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            im = Image.open(io.BytesIO(data), formats=FORMATS)
            w, h = im.size
            if w <= 0 or h <= 0:
                raise UnreadableImage("The image has no pixels.")
            if w * h > max_pixels:
                raise UnreadableImage(
                    f"The image is too large ({w}x{h} = {w * h / 1e6:.0f} megapixels); "
                    f"the limit is {max_pixels / 1e6:.0f} megapixels.")
            im.seek(0)
            im.load()
            im = ImageOps.exif_transpose(im) or im
            return _to_rgb(im)
    except UnreadableImage:
        raise
    except Image.DecompressionBombError:
        raise UnreadableImage("The image is too large to open safely (decompression bomb).") from None
    except Image.UnidentifiedImageError:
        raise UnreadableImage(
            "This file is not an image we can read; please upload a JPEG, PNG, WebP or GIF.") from None
    except OSError as exc:
        if "truncated" in str(exc).lower():
            raise UnreadableImage("The image file is incomplete (truncated); please upload it again.") from None
        raise UnreadableImage(f"The image could not be decoded: {exc}") from None
    except (ValueError, SyntaxError, EOFError, IndexError, TypeError, struct.error,
            MemoryError, ZeroDivisionError, KeyError) as exc:
        # Pillow's decoders raise a variety of exceptions on malformed data.
        raise UnreadableImage(f"The image data is corrupt ({type(exc).__name__}).") from None

