"""Files of the kinds the upload check knows, built in memory for the tests."""

import struct

OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
END, FREE, FATSECT, NOSTREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF


def ole2_bytes(stream_name, stream_size=4096):
    """A minimal Compound File (version 3, 512-byte sectors) holding one stream."""
    sectors = stream_size // 512
    header = OLE2_SIGNATURE + b"\x00" * 16
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\x00" * 6
    header += struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, END, 0, END, 0)
    header += struct.pack("<I", 0) + struct.pack("<I", FREE) * 108
    fat = [FATSECT, END] + [2 + n + 1 for n in range(sectors - 1)] + [END]
    fat += [FREE] * (128 - len(fat))

    def entry(name, kind, child, start, size):
        encoded = (name + "\x00").encode("utf-16-le") if name else b""
        return (
            encoded.ljust(64, b"\x00")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", NOSTREAM, NOSTREAM, child)
            + b"\x00" * 36
            + struct.pack("<IQ", start, size)
        )

    directory = entry("Root Entry", 5, 1, END, 0) + entry(stream_name, 2, NOSTREAM, 2, stream_size)
    directory += entry("", 0, NOSTREAM, 0, 0) * 2
    return header + struct.pack("<128I", *fat) + directory + b"\x01" * stream_size
