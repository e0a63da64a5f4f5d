"""[MS-XCA] 2.3-2.4 Plain LZ77 compression, as [MS-OXCRPC] 3.1.4.11.1.2 uses it for RPC_HEADER_EXT
payloads with the Compressed flag. Greedy: at each position the longest match in the 8192-byte window,
the nearest one when several are as long. Matches are found through the positions of each 3-byte prefix
(a match shorter than 3 bytes is never used), so buffers of tens of kilobytes compress in well under a
second; the output is the same as a search of the whole window.
"""
import struct

WINDOW = 8192
MAX_MATCH = 65535 + 3


def compress(data):
    """Flags are 32-bit words, most significant bit first, 0 for a literal and 1 for a match; a match is a
    16-bit token ((offset - 1) << 3 | length code); lengths of 10 and more continue in a nibble shared by
    two long matches, then a byte, then a 16-bit total (2.3.4); the last flag word's unused bits are ones."""
    data = bytes(data)
    out = bytearray(b"\0\0\0\0")
    flag_pos, flags, nflags, nibble_pos = 0, 0, 0, None
    chains = {}  # 3-byte prefix -> positions where it starts, oldest first
    n = len(data)
    i = 0

    def flag(bit):
        nonlocal flag_pos, flags, nflags
        flags = (flags << 1) | bit
        nflags += 1
        if nflags == 32:
            out[flag_pos:flag_pos + 4] = struct.pack("<I", flags)
            flag_pos = len(out)
            out.extend(b"\0\0\0\0")
            flags, nflags = 0, 0

    def remember(upto):
        nonlocal done
        while done < upto:
            if done + 3 <= n:
                chains.setdefault(data[done:done + 3], []).append(done)
            done += 1

    done = 0
    while i < n:
        best_len, best_off = 0, 0
        limit = min(n - i, MAX_MATCH)
        if limit >= 3:
            cands = chains.get(data[i:i + 3], ())
            for p in reversed(cands):
                off = i - p
                if off > WINDOW:
                    break
                k = 3
                while k < limit and data[p + k] == data[i + k]:
                    k += 1
                if k > best_len:
                    best_len, best_off = k, off
                    if k == limit:
                        break
        if best_len < 3:
            out.append(data[i])
            flag(0)
            i += 1
            remember(i)
            continue
        total = best_len
        code = min(total - 3, 7)
        out.extend(struct.pack("<H", ((best_off - 1) << 3) | code))
        if code == 7:
            nib = min(total - 10, 15)
            if nibble_pos is None:
                nibble_pos = len(out)
                out.append(nib)
            else:
                out[nibble_pos] |= nib << 4
                nibble_pos = None
            if nib == 15:
                if total - 25 < 255:
                    out.append(total - 25)
                else:
                    out.append(255)
                    out.extend(struct.pack("<H", total - 3))
        flag(1)
        i += total
        remember(i)
    flags = ((flags << (32 - nflags)) | ((1 << (32 - nflags)) - 1)) & 0xFFFFFFFF
    out[flag_pos:flag_pos + 4] = struct.pack("<I", flags)
    return bytes(out)


def decompress(data, size_actual):
    """[MS-XCA] 2.4: the decoding of compress()'s format, up to SizeActual bytes or the end of the input:
    a match's offset is (token >> 3) + 1 and its length token & 7, continued through the shared nibble, a
    byte, then a 16-bit (or, when that is 0, 32-bit) length. For tests: the decoder under test is in C."""
    out = bytearray()
    i, flags, nflags, nibble_at = 0, 0, 0, None
    while len(out) < size_actual:
        if nflags == 0:
            if i + 4 > len(data):
                break
            flags, nflags = struct.unpack_from("<I", data, i)[0], 32
            i += 4
        nflags -= 1
        if not flags & (1 << nflags):
            if i >= len(data):
                break
            out.append(data[i])
            i += 1
            continue
        if i + 2 > len(data):
            break
        token = struct.unpack_from("<H", data, i)[0]
        i += 2
        length, offset = token & 7, (token >> 3) + 1
        if length == 7:
            if nibble_at is None:
                nibble_at, length = i, data[i] & 0x0F
                i += 1
            else:
                length, nibble_at = data[nibble_at] >> 4, None
            if length == 15:
                length = data[i]
                i += 1
                if length == 255:
                    length = struct.unpack_from("<H", data, i)[0]
                    i += 2
                    if length == 0:
                        length = struct.unpack_from("<I", data, i)[0]
                        i += 4
                    length -= 15 + 7
                length += 15
            length += 7
        length += 3
        for _ in range(length):
            out.append(out[-offset])
    return bytes(out)
