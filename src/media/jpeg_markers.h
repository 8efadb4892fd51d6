// The JPEG marker codes that the EXIF reader and the Huffman table check both
// walk by (ITU T.81, Table B.1).
#pragma once

namespace tokhai::media::jpeg {

inline constexpr unsigned char kMarkerPrefix = 0xFF;
inline constexpr unsigned char kStartOfImage = 0xD8;
inline constexpr unsigned char kEndOfImage = 0xD9;
inline constexpr unsigned char kStartOfScan = 0xDA;
inline constexpr unsigned char kDefineHuffmanTables = 0xC4;
inline constexpr unsigned char kApp1 = 0xE1;

// Markers that stand alone, without a length: TEM and RST0..RST7.
inline constexpr bool is_standalone_marker(unsigned char marker) {
  return marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7);
}

}  // namespace tokhai::media::jpeg
