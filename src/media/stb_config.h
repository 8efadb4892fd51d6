// How stb is built for src/media: only the JPEG and PNG decoders, no stdio, no
// HDR or float images, and every allocation counted (codec_memory.h). Included
// before any stb header, in stb_codecs.cpp (the implementations) and wherever
// src/media calls stb.
#pragma once

#include <cstddef>

#include "media/codec_memory.h"

#define STBI_ONLY_JPEG
#define STBI_ONLY_PNG
#define STBI_NO_STDIO
#define STBI_NO_LINEAR
#define STBI_NO_HDR
#define STBI_WRITE_NO_STDIO

#define STBI_MALLOC(size) ::tokhai::media::codec_malloc(size)
#define STBI_REALLOC(pointer, size) ::tokhai::media::codec_realloc(pointer, size)
#define STBI_FREE(pointer) ::tokhai::media::codec_free(pointer)
#define STBIW_MALLOC(size) ::tokhai::media::codec_malloc(size)
#define STBIW_REALLOC(pointer, size) ::tokhai::media::codec_realloc(pointer, size)
#define STBIW_FREE(pointer) ::tokhai::media::codec_free(pointer)
#define STBIR_MALLOC(size, context) ((void)(context), ::tokhai::media::codec_malloc(size))
#define STBIR_FREE(pointer, context) ((void)(context), ::tokhai::media::codec_free(pointer))
