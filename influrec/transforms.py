"""The one place images become tensors: shared by training, evaluation, batch classification and the app."""
from __future__ import annotations

from PIL import Image
from torchvision import transforms as T

IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


class PadToSquare:
    """Pad the shorter side with the mean colour so a full-length figure is never cut.

    Fashion photos are portrait (K-Fashion: 800 x 1000-1200); a centre crop would drop the
    head or the shoes, which carry much of a style (caps, boots, heels).
    """

    def __init__(self, mean=IMAGENET_MEAN):
        self.fill = tuple(int(round(255 * m)) for m in mean)

    def __call__(self, im: Image.Image) -> Image.Image:
        w, h = im.size
        if w == h:
            return im
        side = max(w, h)
        out = Image.new("RGB", (side, side), self.fill)
        out.paste(im, ((side - w) // 2, (side - h) // 2))
        return out


def eval_transform(size: int, mean=IMAGENET_MEAN, std=IMAGENET_STD, resize: str = "pad"):
    """Deterministic preprocessing for inference.

    :param resize: "pad" (pad to square, then resize: the default) or "center_crop"
        (resize the short side to size/0.875, crop the centre: the torchvision/seed way).
    """
    if resize == "center_crop":
        head = [T.Resize(int(round(size / 0.875))), T.CenterCrop(size)]
    elif resize == "pad":
        head = [PadToSquare(mean), T.Resize((size, size))]
    else:
        raise ValueError(f"Unknown resize {resize!r}; choose pad or center_crop")
    return T.Compose(head + [T.ToTensor(), T.Normalize(mean, std)])


def train_transform(size: int, mean=IMAGENET_MEAN, std=IMAGENET_STD, recipe: str = "default"):
    """Training augmentation.

    seed: RandomResizedCrop(size), horizontal flip, ImageNet normalisation (the deck).
    default: the same crop and flip applied after padding to square with a milder scale
    range, so crops keep most of the outfit; plus light colour jitter.
    """
    if recipe == "seed":
        aug = [T.RandomResizedCrop(size), T.RandomHorizontalFlip()]
    elif recipe == "default":
        aug = [PadToSquare(mean), T.RandomResizedCrop(size, scale=(0.5, 1.0), ratio=(0.8, 1.25)),
               T.RandomHorizontalFlip(), T.ColorJitter(0.2, 0.2, 0.1)]
    else:
        raise ValueError(f"Unknown recipe {recipe!r}; choose seed or default")
    return T.Compose(aug + [T.ToTensor(), T.Normalize(mean, std)])


def crop_to_garments(im, record, margin: float = 0.12):
    """Crop to the union of the labelled garment boxes plus a margin (no box: unchanged)."""
    box = record.garment_box()
    if box is None:
        return im
    mx, my = box.w * margin, box.h * margin
    x0, y0 = max(0, int(box.x - mx)), max(0, int(box.y - my))
    x1, y1 = min(im.width, int(box.x + box.w + mx)), min(im.height, int(box.y + box.h + my))
    return im.crop((x0, y0, x1, y1)) if x1 - x0 > 8 and y1 - y0 > 8 else im
