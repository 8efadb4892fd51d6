// stb's decoders (JPEG, PNG), resizer and JPEG encoder, compiled once for
// src/media with the options of stb_config.h. Third-party code: CMakeLists.txt
// compiles this file alone with warnings off.
#include "media/stb_config.h"

#define STB_IMAGE_IMPLEMENTATION
#include <stb/stb_image.h>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

#define STB_IMAGE_RESIZE_IMPLEMENTATION
#include <stb/stb_image_resize.h>
