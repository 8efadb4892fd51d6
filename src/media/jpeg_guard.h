// A check of a JPEG's Huffman tables that stb_image 2.27 (Debian 12's
// libstb-dev) lacks: it builds each table of a DHT segment from 16 counts
// without checking that they add up to at most 256 symbols, and so writes past
// its 257-byte size list and its 256-byte value list (found by fuzz_media;
// stb_image 2.28 checks it). This walk finds every DHT segment stb would read
// and refuses the file before stb sees it.
#pragma once

#include <span>

namespace tokhai::media {

// False when a DHT segment of `jpeg` defines a table of more than 256 symbols.
// Walks the markers the way stb's decoder does: bytes that are not a marker
// are skipped one at a time (junk between segments, entropy-coded data after
// SOS, where FF 00 is a stuffed byte and RST0..7 stand alone); each segment is
// skipped by its length, each DHT read table by table as stb reads it, with
// the bytes past the end of the file read as 0. True for a file that does not
// start with SOI (stb's JPEG decoder refuses it).
bool jpeg_huffman_tables_fit(std::span<const unsigned char> jpeg);

}  // namespace tokhai::media
