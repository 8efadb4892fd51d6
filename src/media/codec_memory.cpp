// Counting allocator for stb: each block carries its size in a header of one
// max_align_t, so that the pointer handed to stb keeps malloc's alignment and
// free and realloc know how much they give back.
#include "media/codec_memory.h"

#include <atomic>
#include <cstdlib>
#include <cstring>

namespace tokhai::media {
namespace {

constexpr std::size_t kHeaderBytes = alignof(std::max_align_t);
static_assert(kHeaderBytes >= sizeof(std::size_t));

std::atomic<std::size_t> bytes_in_use{0};
std::atomic<std::size_t> peak_bytes{0};

void count_allocated(std::size_t size_bytes) {
  const std::size_t now = bytes_in_use.fetch_add(size_bytes) + size_bytes;
  std::size_t peak = peak_bytes.load();
  while (now > peak && !peak_bytes.compare_exchange_weak(peak, now)) {
  }
}

unsigned char* header_of(void* pointer) {
  return static_cast<unsigned char*>(pointer) - kHeaderBytes;
}

std::size_t size_of(const unsigned char* header) {
  std::size_t size_bytes;
  std::memcpy(&size_bytes, header, sizeof size_bytes);
  return size_bytes;
}

void* finish_block(unsigned char* header, std::size_t size_bytes) {
  std::memcpy(header, &size_bytes, sizeof size_bytes);
  count_allocated(size_bytes);
  return header + kHeaderBytes;
}

}  // namespace

void* codec_malloc(std::size_t size_bytes) {
  if (size_bytes > SIZE_MAX - kHeaderBytes) return nullptr;
  auto* header = static_cast<unsigned char*>(std::malloc(kHeaderBytes + size_bytes));
  return header == nullptr ? nullptr : finish_block(header, size_bytes);
}

void* codec_realloc(void* pointer, std::size_t size_bytes) {
  if (pointer == nullptr) return codec_malloc(size_bytes);
  if (size_bytes > SIZE_MAX - kHeaderBytes) return nullptr;
  unsigned char* old_header = header_of(pointer);
  const std::size_t old_size = size_of(old_header);
  auto* header = static_cast<unsigned char*>(std::realloc(old_header, kHeaderBytes + size_bytes));
  if (header == nullptr) return nullptr;  // the old block is still held and counted
  bytes_in_use.fetch_sub(old_size);
  return finish_block(header, size_bytes);
}

void codec_free(void* pointer) {
  if (pointer == nullptr) return;
  unsigned char* header = header_of(pointer);
  bytes_in_use.fetch_sub(size_of(header));
  std::free(header);
}

std::size_t codec_bytes_in_use() { return bytes_in_use.load(); }

std::size_t codec_peak_bytes() { return peak_bytes.load(); }

void reset_codec_peak_bytes() { peak_bytes.store(bytes_in_use.load()); }

}  // namespace tokhai::media
