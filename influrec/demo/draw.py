"""Drawn demo pictures: a full-length figure dressed by a style recipe, or a non-fashion scene.

Everything random comes from the `rng` passed in, so a picture is a pure function of it.
"""
from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from influrec.demo.recipes import C, RECIPES

W, H = 192, 256
SKIN = [(255, 224, 196), (241, 194, 160), (224, 172, 130), (198, 134, 96), (141, 85, 54), (92, 58, 38)]
HAIR = [(20, 15, 12), (60, 40, 25), (110, 75, 40), (200, 170, 110), (150, 40, 40), (90, 90, 95)]
BACKGROUNDS = [((235, 232, 225), (200, 195, 185)), ((210, 225, 240), (160, 180, 200)),
               ((240, 225, 215), (200, 170, 150)), ((220, 235, 215), (150, 175, 140)),
               ((90, 90, 100), (50, 50, 60)), ((250, 250, 250), (225, 225, 225)),
               ((200, 215, 230), (120, 120, 120))]


def _pick(rng, items):
    return items[int(rng.integers(len(items)))]


def _jitter(rng, colour, amount=18):
    return tuple(int(np.clip(c + rng.integers(-amount, amount + 1), 0, 255)) for c in colour)


def _background(rng) -> Image.Image:
    top, bottom = _pick(rng, BACKGROUNDS)
    t = np.linspace(0, 1, H, dtype=np.float32)[:, None]
    column = (np.array(top, np.float32) * (1 - t) + np.array(bottom, np.float32) * t).astype(np.uint8)
    im = Image.fromarray(column[:, None, :], "RGB").resize((W, H), Image.NEAREST)
    d = ImageDraw.Draw(im)
    floor = int(rng.integers(205, 235))
    d.rectangle([0, floor, W, H], fill=_jitter(rng, bottom, 25))
    return im


def _pattern(rng, kind: str, base, second) -> Image.Image:
    """A W x H fill of `kind` in the two colours."""
    im = Image.new("RGB", (W, H), base)
    d = ImageDraw.Draw(im)
    if kind in ("stripe", "pinstripe"):
        step, width = (10, 4) if kind == "stripe" else (7, 1)
        for x in range(0, W, step):
            d.rectangle([x, 0, x + width - 1, H], fill=second)
    elif kind == "check":
        for x in range(0, W, 14):
            d.rectangle([x, 0, x + 3, H], fill=second)
        for y in range(0, H, 14):
            d.rectangle([0, y, W, y + 3], fill=second)
    elif kind in ("dots", "hearts", "stars", "floral", "tropical", "brocade", "paisley", "leopard"):
        n = {"dots": 120, "floral": 90, "tropical": 45, "brocade": 150, "paisley": 70,
             "leopard": 110, "hearts": 70, "stars": 70}[kind]
        r = {"dots": 3, "floral": 4, "tropical": 9, "brocade": 2, "paisley": 6, "leopard": 4,
             "hearts": 5, "stars": 5}[kind]
        xs, ys = rng.integers(0, W, n), rng.integers(0, H, n)
        for x, y in zip(xs.tolist(), ys.tolist()):
            if kind == "floral":
                for dx, dy in ((-r, 0), (r, 0), (0, -r), (0, r)):
                    d.ellipse([x + dx - r, y + dy - r, x + dx + r, y + dy + r], fill=second)
                d.ellipse([x - 2, y - 2, x + 2, y + 2], fill=C["yellow"])
            elif kind == "tropical":
                d.polygon([(x, y - r), (x + r // 2, y), (x, y + r), (x - r // 2, y)], fill=C["green"])
                d.ellipse([x + 3, y - 3, x + 9, y + 3], fill=second)
            elif kind == "hearts":
                d.polygon([(x - r, y), (x, y + r), (x + r, y), (x, y - r // 2)], fill=second)
            elif kind == "stars":
                d.polygon([(x, y - r), (x + 2, y - 1), (x + r, y), (x + 2, y + 1), (x, y + r),
                           (x - 2, y + 1), (x - r, y), (x - 2, y - 1)], fill=second)
            elif kind == "paisley":
                d.ellipse([x - r, y - r // 2, x + r, y + r // 2], outline=second, width=2)
            elif kind == "leopard":
                d.ellipse([x - r, y - r + 1, x + r, y + r - 1], outline=C["black"], width=2)
            else:
                d.ellipse([x - r, y - r, x + r, y + r], fill=second)
    elif kind == "camo":
        for colour in (C["olive"], C["brown"], C["black"], C["khaki"]):
            for _ in range(18):
                x, y = int(rng.integers(0, W)), int(rng.integers(0, H))
                d.ellipse([x - 9, y - 5, x + 9, y + 5], fill=colour)
    elif kind == "tiedye":
        for r in range(120, 0, -12):
            d.ellipse([W // 2 - r, H // 2 - r, W // 2 + r, H // 2 + r],
                      fill=second if (r // 12) % 2 else base)
    elif kind == "geometric":
        for _ in range(6):
            x, y = int(rng.integers(0, W)), int(rng.integers(0, H))
            d.polygon([(x, y), (x + 30, y + 8), (x + 10, y + 35)], fill=second)
    elif kind == "sidestripe":
        for x in range(0, W, 24):
            d.rectangle([x, 0, x + 2, H], fill=second)
    elif kind == "colorblock":
        d.rectangle([0, 0, W, H // 2 - 40], fill=second)
    return im


class _Figure:
    """The body geometry shared by the garments of one picture."""

    def __init__(self, rng, fit: float):
        self.cx = W / 2 + rng.uniform(-14, 14)
        self.s = rng.uniform(0.88, 1.02)
        self.top = 18 + rng.uniform(-4, 6)
        self.fit = fit
        self.arm = rng.uniform(-0.35, 0.55)     # pose: arm swing
        self.stance = rng.uniform(2, 9)         # pose: leg spread

    def y(self, v):
        return self.top + v * self.s

    def x(self, v):
        return self.cx + v * self.s


def _fill(canvas: Image.Image, shape, fill_img: Image.Image, kind="polygon"):
    mask = Image.new("L", (W, H), 0)
    md = ImageDraw.Draw(mask)
    if kind == "polygon":
        md.polygon(shape, fill=255)
    else:
        md.ellipse(shape, fill=255)
    canvas.paste(fill_img, (0, 0), mask)


def draw_outfit(style: str, rng: np.random.Generator) -> Image.Image:
    """A W x H picture of one figure wearing `style`'s recipe."""
    r = RECIPES[style]
    im = _background(rng)
    d = ImageDraw.Draw(im)
    f = _Figure(rng, rng.uniform(*r["fit"]))
    skin, hair = _pick(rng, SKIN), _pick(rng, HAIR)
    palette = [_jitter(rng, C[name]) for name in r["palette"]]
    order = rng.permutation(len(palette))
    main, second, third = (palette[order[i % len(palette)]] for i in range(3))
    pattern = _pick(rng, r["patterns"])
    dress = bool(r["dresses"]) and rng.random() < r["p_dress"]
    outer = bool(r["outers"]) and rng.random() < r["p_outer"]

    shoulder = 24 * f.fit
    waist = 18 * f.fit
    hip_y, foot_y = 110, 205
    # legs (skin, covered later by bottoms)
    for side in (-1, 1):
        d.line([(f.x(side * 8), f.y(hip_y)), (f.x(side * (8 + f.stance)), f.y(foot_y))],
               fill=skin, width=int(9 * f.s))
    # arms (skin; sleeves drawn over them)
    hands = []
    for side in (-1, 1):
        swing = f.arm * side
        hx, hy = f.x(side * (shoulder + 8) + swing * 20), f.y(112 - abs(swing) * 10)
        d.line([(f.x(side * shoulder), f.y(40)), (hx, hy)], fill=skin, width=int(8 * f.s))
        hands.append((hx, hy))
    # neck and head
    d.rectangle([f.x(-4), f.y(22), f.x(4), f.y(36)], fill=skin)
    d.ellipse([f.x(-12), f.y(-4), f.x(12), f.y(26)], fill=skin)
    d.chord([f.x(-13), f.y(-6), f.x(13), f.y(20)], 180, 360, fill=hair)

    top_fill = _pattern(rng, pattern, main, second)
    if dress:
        kind = _pick(rng, r["dresses"])
        hem = {"aline": 150, "slip": 135, "long": 195, "qipao": 185}[kind]
        flare = {"aline": 30, "slip": 16, "long": 34, "qipao": 20}[kind] * f.fit
        _fill(im, [(f.x(-shoulder + 4), f.y(36)), (f.x(shoulder - 4), f.y(36)),
                   (f.x(waist), f.y(84)), (f.x(flare), f.y(hem)), (f.x(-flare), f.y(hem)),
                   (f.x(-waist), f.y(84))], top_fill)
        if kind == "qipao":
            d.rectangle([f.x(-5), f.y(33), f.x(5), f.y(40)], fill=third)
    else:
        kind = _pick(rng, r["bottoms"])
        bottom_colour = third if pattern != "solid" else second
        bfill = (_pattern(rng, "check", bottom_colour, main) if style == "punk" and rng.random() < 0.5
                 else Image.new("RGB", (W, H), bottom_colour))
        if kind in ("mini", "midi", "maxi"):
            hem = {"mini": 138, "midi": 170, "maxi": 200}[kind]
            flare = {"mini": 26, "midi": 30, "maxi": 34}[kind] * f.fit
            _fill(im, [(f.x(-waist), f.y(96)), (f.x(waist), f.y(96)),
                       (f.x(flare), f.y(hem)), (f.x(-flare), f.y(hem))], bfill)
        else:
            width = {"slim": 9, "leggings": 8, "jeans": 10, "wide": 15, "flare": 11, "cargo": 13,
                     "baggy": 18, "jogger": 12, "shorts": 12}[kind] * (0.7 + 0.3 * f.fit)
            end = 140 if kind == "shorts" else foot_y
            for side in (-1, 1):
                foot_x = f.x(side * (8 + f.stance))
                bell = 8 if kind == "flare" else 0
                _fill(im, [(f.x(side * 1), f.y(96)), (f.x(side * (waist + 2)), f.y(96)),
                           (foot_x + side * (width + bell), f.y(end)), (foot_x - side * 2, f.y(end))], bfill)
                if kind == "cargo":
                    d.rectangle([f.x(side * (waist + 1)) - 5, f.y(130), f.x(side * (waist + 1)) + 5, f.y(145)],
                                fill=_jitter(rng, bottom_colour, 30))
                if kind in ("jogger", "leggings") and pattern == "sidestripe":
                    d.line([(f.x(side * (waist + 1)), f.y(100)), (foot_x + side * width, f.y(end))],
                           fill=C["white"], width=2)
        top_kind = _pick(rng, r["tops"])
        length = {"crop": 70, "tank": 98, "tunic": 120, "hoodie": 104}.get(top_kind, 100)
        sleeve = 0 if top_kind in ("tank", "crop") else 1
        _fill(im, [(f.x(-shoulder), f.y(38)), (f.x(shoulder), f.y(38)),
                   (f.x(waist + 3 * f.fit), f.y(length)), (f.x(-waist - 3 * f.fit), f.y(length))], top_fill)
        if sleeve:
            for (hx, hy), side in zip(hands, (-1, 1)):
                sx, sy = f.x(side * shoulder), f.y(40)
                ex, ey = sx + (hx - sx) * 0.8, sy + (hy - sy) * 0.8
                d.line([(sx, sy), (ex, ey)], fill=main, width=int(11 * f.s * min(f.fit, 1.4)))
        if top_kind == "hoodie":
            d.ellipse([f.x(-14), f.y(30), f.x(14), f.y(44)], fill=main)
        if top_kind in ("shirt", "collar", "mandarin"):
            size = 10 if top_kind == "collar" else 5
            d.polygon([(f.x(-6), f.y(36)), (f.x(0), f.y(36 + size)), (f.x(6), f.y(36))], fill=C["white"])
        if top_kind == "blouse":
            for i in range(5):
                d.arc([f.x(-16 + i * 6), f.y(36), f.x(-10 + i * 6), f.y(44)], 0, 180, fill=C["white"], width=2)
        if top_kind == "drape":
            d.polygon([(f.x(shoulder), f.y(38)), (f.x(shoulder + 18), f.y(120)), (f.x(waist), f.y(100))],
                      fill=second)
    if pattern == "logo" and not dress:
        d.rectangle([f.x(-9), f.y(55), f.x(9), f.y(68)], fill=second)
        d.text((f.x(-7), f.y(55)), "XO", fill=main)
    if outer:
        kind = _pick(rng, r["outers"])
        ocol = third if kind not in ("leather", "suit") else (C["black"] if kind == "leather" else main)
        if kind == "denim":
            ocol = _jitter(rng, C["denim"])
        if kind == "field":
            ocol = _jitter(rng, C["olive"])
        hem = {"trench": 165, "coat": 170, "cape": 150, "cardigan": 110, "bomber": 100, "leather": 102,
               "puffer": 104, "track": 102, "denim": 102, "fringe": 105, "field": 118,
               "blazer": 118, "suit": 118}[kind]
        wide = (4 if kind != "puffer" else 10) * f.fit
        for side in (-1, 1):
            _fill(im, [(f.x(side * 3), f.y(38)), (f.x(side * (shoulder + wide)), f.y(38)),
                       (f.x(side * (waist + wide + 6)), f.y(hem)), (f.x(side * 5), f.y(hem))],
                  Image.new("RGB", (W, H), ocol))
            sx, sy = f.x(side * (shoulder + wide)), f.y(40)
            hx, hy = hands[(side + 1) // 2]
            d.line([(sx, sy), (sx + (hx - sx) * 0.88, sy + (hy - sy) * 0.88)], fill=ocol,
                   width=int((13 + wide) * f.s))
            if kind == "fringe":
                for i in range(8):
                    x0 = f.x(side * (waist + wide + 6) * i / 8)
                    d.line([(x0, f.y(hem)), (x0, f.y(hem + 9))], fill=ocol, width=2)
            if kind == "puffer":
                for yy in range(50, hem, 12):
                    d.line([(f.x(side * 5), f.y(yy)), (f.x(side * (waist + wide + 4)), f.y(yy))],
                           fill=_jitter(rng, ocol, 35), width=2)
            if kind == "field":
                d.rectangle([f.x(side * 14) - 5, f.y(60), f.x(side * 14) + 5, f.y(70)],
                            fill=_jitter(rng, ocol, 30))
        if kind in ("trench", "blazer", "suit", "coat"):
            d.polygon([(f.x(-3), f.y(38)), (f.x(-9), f.y(60)), (f.x(-14), f.y(40))], fill=_jitter(rng, ocol, 25))
            d.polygon([(f.x(3), f.y(38)), (f.x(9), f.y(60)), (f.x(14), f.y(40))], fill=_jitter(rng, ocol, 25))
        if kind == "trench":
            d.line([(f.x(-waist - 6), f.y(88)), (f.x(waist + 6), f.y(88))], fill=_jitter(rng, ocol, 40), width=4)
    # shoes
    shoe = _pick(rng, r["shoes"])
    scol = {"sneakers": C["white"], "boots": C["brown"], "heels": C["black"], "loafers": C["black"],
            "sandals": C["tan"], "combat": C["black"], "flats": C["red"]}[shoe]
    for side in (-1, 1):
        x = f.x(side * (8 + f.stance))
        if shoe in ("boots", "combat"):
            d.rectangle([x - 6, f.y(foot_y - 22), x + 6, f.y(foot_y)], fill=scol)
            toe = sorted((x - 6 * side, x + 10 * side))
            d.rectangle([toe[0], f.y(foot_y - 2), toe[1], f.y(foot_y + 4)], fill=scol)
        elif shoe == "heels":
            d.polygon([(x - 3, f.y(foot_y - 4)), (x + side * 9, f.y(foot_y + 3)), (x - 3, f.y(foot_y + 5))], fill=scol)
        else:
            h = 7 if shoe == "sneakers" else 4
            d.ellipse([x - 7 + side * 2, f.y(foot_y - 2), x + 7 + side * 6, f.y(foot_y + h)], fill=scol)
    _accessories(rng, d, f, r, main, second)
    return _light(rng, im)


def _accessories(rng, d, f, r, main, second):
    hat = _pick(rng, r["hats"])
    if hat == "cap":
        d.chord([f.x(-13), f.y(-8), f.x(13), f.y(14)], 180, 360, fill=second)
        d.rectangle([f.x(-2), f.y(2), f.x(20), f.y(6)], fill=second)
    elif hat in ("beanie",):
        d.chord([f.x(-13), f.y(-10), f.x(13), f.y(18)], 180, 360, fill=main)
    elif hat == "beret":
        d.ellipse([f.x(-16), f.y(-10), f.x(14), f.y(4)], fill=_jitter(rng, C["burgundy"]))
    elif hat in ("cowboy", "fedora", "wide_brim", "sunhat", "straw"):
        brim = {"cowboy": 24, "fedora": 18, "wide_brim": 30, "sunhat": 28, "straw": 26}[hat]
        col = {"cowboy": C["brown"], "fedora": C["charcoal"], "wide_brim": C["black"],
               "sunhat": C["cream"], "straw": C["tan"]}[hat]
        d.ellipse([f.x(-brim), f.y(-2), f.x(brim), f.y(6)], fill=col)
        d.rectangle([f.x(-11), f.y(-14), f.x(11), f.y(2)], fill=col)
        if hat == "cowboy":
            d.line([(f.x(-brim), f.y(-4)), (f.x(-brim + 6), f.y(2))], fill=col, width=3)
            d.line([(f.x(brim), f.y(-4)), (f.x(brim - 6), f.y(2))], fill=col, width=3)
    elif hat == "bucket":
        d.polygon([(f.x(-11), f.y(-10)), (f.x(11), f.y(-10)), (f.x(17), f.y(5)), (f.x(-17), f.y(5))], fill=second)
    elif hat in ("headband", "ribbon", "scarf"):
        d.rectangle([f.x(-13), f.y(0), f.x(13), f.y(4)], fill=second)
        if hat == "ribbon":
            d.polygon([(f.x(8), f.y(-4)), (f.x(18), f.y(-8)), (f.x(18), f.y(6))], fill=second)
    elif hat == "mohawk":
        for i in range(-2, 3):
            d.polygon([(f.x(i * 3 - 2), f.y(-4)), (f.x(i * 3), f.y(-18)), (f.x(i * 3 + 2), f.y(-4))],
                      fill=_jitter(rng, C["hotpink"]))
    elif hat == "hairpin":
        d.line([(f.x(-12), f.y(-8)), (f.x(6), f.y(-14))], fill=C["gold"], width=2)
    for acc in r["acc"]:
        if acc is None or rng.random() < 0.4:
            continue
        if acc == "chain":
            d.arc([f.x(-12), f.y(28), f.x(12), f.y(62)], 0, 180, fill=C["gold"], width=3)
        elif acc == "beads":
            for i in range(7):
                d.ellipse([f.x(-10 + i * 3), f.y(44 + abs(i - 3)), f.x(-8 + i * 3), f.y(46 + abs(i - 3))],
                          fill=_pick(rng, [C["teal"], C["orange"], C["yellow"]]))
        elif acc in ("bag", "basket", "tote", "crossbag"):
            col = {"bag": C["black"], "basket": C["tan"], "tote": C["cream"], "crossbag": C["charcoal"]}[acc]
            x, y = f.x(28 * f.fit), f.y(100)
            d.rectangle([x - 8, y, x + 8, y + 14], fill=col)
            d.arc([x - 6, y - 8, x + 6, y + 4], 180, 360, fill=col, width=2)
        elif acc == "backpack":
            d.rectangle([f.x(-14), f.y(40), f.x(-10), f.y(90)], fill=C["black"])
        elif acc in ("sunglasses", "round_glasses"):
            if acc == "sunglasses":
                d.rectangle([f.x(-9), f.y(6), f.x(9), f.y(11)], fill=C["black"])
            else:
                d.ellipse([f.x(-10), f.y(5), f.x(-2), f.y(12)], outline=C["brown"], width=2)
                d.ellipse([f.x(2), f.y(5), f.x(10), f.y(12)], outline=C["brown"], width=2)
        elif acc == "tie":
            d.polygon([(f.x(-2), f.y(38)), (f.x(2), f.y(38)), (f.x(3), f.y(75)), (f.x(-3), f.y(75))], fill=second)
        elif acc == "belt":
            d.rectangle([f.x(-20 * f.fit), f.y(94), f.x(20 * f.fit), f.y(98)], fill=C["brown"])
            d.rectangle([f.x(-3), f.y(93), f.x(3), f.y(99)], fill=C["gold"])
        elif acc == "studs":
            for i in range(6):
                d.ellipse([f.x(-20 + i * 7), f.y(42), f.x(-18 + i * 7), f.y(44)], fill=C["silver"])
        elif acc == "fan":
            x, y = f.x(-30), f.y(90)
            d.pieslice([x - 14, y - 14, x + 14, y + 14], 200, 340, fill=C["red"])


def draw_scene(rng: np.random.Generator) -> Image.Image:
    """A non-fashion picture (food, a place or an object) for the `other` class."""
    kind = _pick(rng, ["food", "place", "object"])
    if kind == "place":
        sky = _jitter(rng, _pick(rng, [(135, 190, 235), (250, 180, 120), (40, 50, 90)]), 20)
        im = Image.new("RGB", (W, H), sky)
        d = ImageDraw.Draw(im)
        horizon = int(rng.integers(120, 180))
        if rng.random() < 0.5:
            for _ in range(int(rng.integers(3, 7))):
                x = int(rng.integers(-20, W))
                d.polygon([(x, horizon), (x + 50, horizon - int(rng.integers(30, 90))), (x + 100, horizon)],
                          fill=_jitter(rng, (80, 110, 90), 25))
            d.rectangle([0, horizon, W, H], fill=_jitter(rng, (60, 120, 170), 20))
        else:
            for _ in range(int(rng.integers(4, 9))):
                x, w, h = int(rng.integers(0, W)), int(rng.integers(18, 40)), int(rng.integers(40, 130))
                d.rectangle([x, horizon - h, x + w, horizon], fill=_jitter(rng, (120, 120, 130), 40))
                for wy in range(horizon - h + 6, horizon - 6, 12):
                    d.rectangle([x + 4, wy, x + 8, wy + 5], fill=C["yellow"])
            d.rectangle([0, horizon, W, H], fill=_jitter(rng, (90, 90, 90), 15))
        d.ellipse([20, 20, 50, 50], fill=_jitter(rng, (250, 230, 150), 10))
    else:
        table = _jitter(rng, _pick(rng, [(160, 115, 80), (230, 225, 215), (90, 70, 55)]), 20)
        im = Image.new("RGB", (W, H), table)
        d = ImageDraw.Draw(im)
        if kind == "food":
            cx, cy = int(rng.integers(70, 120)), int(rng.integers(100, 150))
            d.ellipse([cx - 70, cy - 55, cx + 70, cy + 55], fill=C["white"])
            for _ in range(int(rng.integers(4, 12))):
                x, y = cx + int(rng.integers(-40, 40)), cy + int(rng.integers(-30, 30))
                rr = int(rng.integers(6, 16))
                d.ellipse([x - rr, y - rr, x + rr, y + rr],
                          fill=_jitter(rng, _pick(rng, [(200, 60, 40), (90, 160, 60), (240, 200, 90), (130, 80, 40)])))
        else:
            x, y = int(rng.integers(40, 110)), int(rng.integers(70, 140))
            col = _jitter(rng, _pick(rng, [C["white"], C["skyblue"], C["black"], C["coral"]]), 20)
            if rng.random() < 0.5:   # a cup
                d.rectangle([x, y, x + 50, y + 60], fill=col)
                d.arc([x + 40, y + 12, x + 66, y + 42], 270, 90, fill=col, width=6)
            else:                    # a book
                d.rectangle([x, y, x + 70, y + 95], fill=col)
                d.rectangle([x + 6, y + 10, x + 60, y + 20], fill=C["white"])
    return _light(rng, im)


def _light(rng, im: Image.Image) -> Image.Image:
    """Lighting and camera: exposure, a colour cast, slight blur and sensor noise."""
    arr = np.asarray(im, dtype=np.float32) * np.float32(rng.uniform(0.75, 1.2))
    arr += rng.uniform(-12, 12, size=3).astype(np.float32)
    # sensor noise: a 64 x 64 tile repeated (drawing a normal per pixel cost 2 ms a picture)
    tile = rng.standard_normal((64, 64, 3), dtype=np.float32) * np.float32(4)
    arr += np.tile(tile, (H // 64, W // 64, 1))
    out = Image.fromarray(np.clip(arr, 0, 255, out=arr).astype(np.uint8), "RGB")
    if rng.random() < 0.3:
        out = out.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 1.0)))
    return out


def draw(style: str, rng: np.random.Generator) -> Image.Image:
    """The picture of a post whose true style is `style` (`other`: a non-fashion scene)."""
    return draw_scene(rng) if style == "other" else draw_outfit(style, rng)
