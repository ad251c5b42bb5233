"""influrec.images: every case of the issue, with files generated here."""
import io

import numpy as np
import pytest
from PIL import Image

from influrec.errors import UnreadableImage
from influrec.images import open_image


def encode(im: Image.Image, fmt: str, **kw) -> bytes:
    buf = io.BytesIO()
    im.save(buf, format=fmt, **kw)
    return buf.getvalue()


def red(size=(40, 30), mode="RGB"):
    return Image.new(mode, size, (200, 10, 10) if mode == "RGB" else None)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "GIF"])
def test_common_formats_decode_to_rgb(fmt):
    im = open_image(encode(red(), fmt))
    assert im.mode == "RGB" and im.size == (40, 30)
    r, g, b = im.getpixel((20, 15))
    assert r > 150 and g < 60 and b < 60


def test_path_and_file_object(tmp_path):
    path = tmp_path / "a.png"
    red().save(path)
    assert open_image(path).size == (40, 30)
    assert open_image(str(path)).size == (40, 30)
    with open(path, "rb") as fh:
        assert open_image(fh).size == (40, 30)


def test_animated_gif_gives_first_frame():
    frames = [Image.new("RGB", (10, 10), c) for c in [(0, 0, 255), (0, 255, 0)]]
    data = encode(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100)
    r, g, b = open_image(data).getpixel((5, 5))
    assert b > 200 and g < 50


def test_exif_rotation_is_applied():
    im = Image.new("RGB", (60, 20), (0, 0, 0))
    im.paste((255, 255, 255), (0, 0, 10, 20))     # white stripe on the left
    exif = Image.Exif()
    exif[0x0112] = 6                              # orientation: rotate 90 CW to display
    out = open_image(encode(im, "JPEG", exif=exif.tobytes()))
    assert out.size == (20, 60)
    assert out.getpixel((10, 2))[0] > 200          # the stripe is now on top


def test_cmyk_jpeg():
    im = Image.new("CMYK", (8, 8), (0, 255, 255, 0))   # pure red in CMYK
    out = open_image(encode(im, "JPEG"))
    assert out.mode == "RGB" and out.getpixel((4, 4))[0] > 200


def test_palette_with_transparency_is_laid_on_white():
    im = Image.new("P", (8, 8), 0)
    im.putpalette([0, 0, 0] * 256)
    data = encode(im, "PNG", transparency=0)
    assert open_image(data).getpixel((3, 3)) == (255, 255, 255)


@pytest.mark.parametrize("mode,value", [("RGBA", (255, 0, 0, 0)), ("LA", (0, 0))])
def test_alpha_is_laid_on_white(mode, value):
    out = open_image(encode(Image.new(mode, (8, 8), value), "PNG"))
    assert out.getpixel((1, 1)) == (255, 255, 255)


def test_16_bit_png_is_scaled():
    arr = np.full((6, 6), 65535, dtype=np.uint16)
    data = encode(Image.frombuffer("I;16", (6, 6), arr.tobytes(), "raw", "I;16", 0, 1), "PNG")
    assert open_image(data).getpixel((2, 2)) == (255, 255, 255)


def test_truncated_file():
    data = encode(Image.effect_noise((200, 200), 50).convert("RGB"), "JPEG")
    with pytest.raises(UnreadableImage) as err:
        open_image(data[: len(data) // 2])
    assert str(err.value) == "The image file is incomplete (truncated); please upload it again."


def test_not_an_image():
    with pytest.raises(UnreadableImage) as err:
        open_image(b"%PDF-1.4 hello")
    assert str(err.value) == ("This file is not an image we can read; "
                              "please upload a JPEG, PNG, WebP or GIF.")


def test_unsupported_format_is_not_decoded():
    with pytest.raises(UnreadableImage, match="not an image we can read"):
        open_image(encode(red(), "TIFF"))


def test_zero_bytes():
    with pytest.raises(UnreadableImage) as err:
        open_image(b"")
    assert str(err.value) == "The file is empty (0 bytes); please choose a photo."


def test_decompression_bomb_refused_before_decoding():
    bomb = encode(Image.new("1", (12_000, 12_000)), "PNG")     # 144 MP in a few KB
    assert len(bomb) < 100_000
    with pytest.raises(UnreadableImage) as err:
        open_image(bomb, max_pixels=50_000_000)
    assert str(err.value) == ("The image is too large (12000x12000 = 144 megapixels); "
                              "the limit is 50 megapixels.")


def test_byte_cap():
    with pytest.raises(UnreadableImage) as err:
        open_image(b"x" * 2_000_001, max_bytes=2_000_000)
    assert str(err.value) == "The file is too large (2.0 MB); the limit is 2 MB."


def test_byte_cap_reads_no_more_than_needed_from_a_stream():
    stream = io.BytesIO(b"x" * 5_000_000)
    with pytest.raises(UnreadableImage, match="too large"):
        open_image(stream, max_bytes=1_000_000)
    assert stream.tell() == 1_000_001


def test_missing_path(tmp_path):
    with pytest.raises(UnreadableImage) as err:
        open_image(tmp_path / "nope.jpg")
    assert str(err.value) == f"Image file not found: {tmp_path / 'nope.jpg'}"
