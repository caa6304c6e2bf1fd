#!/usr/bin/env python3
"""Derive index-schema/world-places.tsv: place names the query segmenter
keeps whole (Trung Quốc, Hoa Kỳ, Biển Đông, Hoàng Sa...).

Two sources:

  cldr    Vietnamese names of countries, territories and world regions, and
          of the cities the CLDR time-zone data names, from the Unicode CLDR
          (via Babel's copy of it; Unicode License v3). Read with
          `pip install babel` (tested with Babel 2.19.0, CLDR 49).
  tracuu  a short list written for tracuu of names CLDR lacks: the seas,
          islands, regions and foreign capitals Vietnamese news writes in
          Vietnamese (Biển Đông, Hoàng Sa, Tây Nguyên, Bắc Kinh...). Common
          geographic knowledge; MIT like the rest of tracuu.

Names in parentheses or after a comma are split off ("Myanmar (Miến Điện)"
gives Myanmar and Miến Điện); CLDR placeholders (Pseudo-Accents, "Vùng không
xác định") are dropped. Output: one name a line, a tab, its source; sorted,
deterministic. Normalisation (tone placement, NFC) is left to the dictionary
build, which runs every entry through tracuu's analyzer.

Usage (from the repository root):

  python3 index-schema/derive_places.py
"""

import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent

TRACUU_PLACES = """
Biển Đông | Hoàng Sa | Trường Sa | quần đảo Hoàng Sa | quần đảo Trường Sa | Gạc Ma
Thái Bình Dương | Ấn Độ Dương | Đại Tây Dương | Bắc Băng Dương | Địa Trung Hải | Biển Đen
vịnh Bắc Bộ | vịnh Thái Lan | vịnh Hạ Long | eo biển Đài Loan | eo biển Malacca | Biển Hoa Đông
Đông Dương | Trung Đông | Viễn Đông | Bán đảo Triều Tiên | Bán đảo Crimea | Tây Tạng | Tân Cương | Nội Mông
Tây Nguyên | Tây Bắc | Đông Bắc | Bắc Bộ | Trung Bộ | Nam Bộ | Bắc Trung Bộ | Nam Trung Bộ | Duyên hải Nam Trung Bộ
Đông Nam Bộ | Tây Nam Bộ | Đồng bằng sông Hồng | Đồng bằng sông Cửu Long | miền Tây Nam Bộ | miền Trung | miền Bắc | miền Nam
sông Hồng | sông Cửu Long | sông Mê Kông | Mê Kông | sông Đà | sông Mã | sông Hương | sông Sài Gòn | sông Đồng Nai
Phú Quốc | Côn Đảo | Lý Sơn | Bạch Long Vĩ | Cát Bà | Vân Đồn | Cô Tô | Phú Quý | Thổ Chu
Hạ Long | Sa Pa | Đà Lạt | Nha Trang | Vũng Tàu | Mỹ Tho | Buôn Ma Thuột | Pleiku | Quy Nhơn | Hội An | Điện Biên Phủ
Bắc Kinh | Thượng Hải | Quảng Châu | Thâm Quyến | Hồng Kông | Ma Cao | Đài Bắc | Bình Nhưỡng | Xơ-un | Seoul
Băng Cốc | Viêng Chăn | Phnôm Pênh | Phnom Penh | Gia-các-ta | Ma-ni-la | Manila | Kuala Lumpur | Yangon | Nay Pyi Taw
Tokyo | Niu Đê-li | New Delhi | Mát-xcơ-va | Moskva | Oa-sinh-tơn | Washington | Niu Oóc | New York | Luân Đôn | London
Pa-ri | Paris | Béc-lin | Berlin | Bru-xen | Brussels | Giơ-ne-vơ | Geneva | Vác-sa-va | Praha | Vienna | Rô-ma | Rome
Thành phố Hồ Chí Minh | Sài Gòn | Chợ Lớn | Thăng Long | Hà Đông | Gia Định | Đông Đô
"""

CLDR_PLACEHOLDERS = {"Pseudo-Accents", "Pseudo-Bidi", "Vùng không xác định", "Vị trí không xác định"}


def parts(name):
    """A CLDR name and the names inside it: "Myanmar (Miến Điện)" → Myanmar, Miến Điện;
    "Beulah, Bắc Dakota" → Beulah, Bắc Dakota."""
    name = unicodedata.normalize("NFC", name).strip()
    out = []
    inner = re.findall(r"\(([^)]*)\)", name)
    outer = re.sub(r"\([^)]*\)", " ", name)
    for piece in [outer, *inner]:
        for sub in piece.split(","):
            sub = " ".join(sub.split())
            if sub:
                out.append(sub)
    return out


def cldr_names():
    try:
        from babel import Locale
    except ImportError:
        sys.exit("derive_places.py: needs Babel (pip install babel) for the CLDR names")
    vi = Locale("vi")
    names = set()
    for name in vi.territories.values():
        if name not in CLDR_PLACEHOLDERS:
            names.update(parts(name))
    for zone in vi.time_zones.values():
        city = zone.get("city")
        if city and city not in CLDR_PLACEHOLDERS:
            names.update(parts(city))
    return names


def main():
    rows = {}
    for name in cldr_names():
        rows.setdefault(name, "cldr")
    for line in TRACUU_PLACES.strip().splitlines():
        for name in line.split("|"):
            name = unicodedata.normalize("NFC", " ".join(name.split()))
            if name:
                rows.setdefault(name, "tracuu")
    out = HERE / "world-places.tsv"
    with open(out, "w", encoding="utf-8") as f:
        f.write("# name\tsource (cldr: Unicode CLDR via Babel, Unicode License v3; tracuu: index-schema/derive_places.py)\n")
        for name in sorted(rows):
            f.write(f"{name}\t{rows[name]}\n")
    print(f"derive_places.py: {len(rows)} names -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
