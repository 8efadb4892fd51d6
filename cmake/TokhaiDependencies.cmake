# Third-party libraries, as targets named the same way in both kinds of build:
#   tokhai::json     nlohmann/json (header-only, Debian's nlohmann-json3-dev)
#   tokhai::catch2   Catch2 2.x single header (Debian's catch2)
#   tokhai::stb      stb_image, stb_image_write, stb_image_resize (header-only,
#                    Debian's libstb-dev; compiled once in src/media/stb_codecs.cpp)
#   tokhai::sqlite3  SQLite
#   tokhai::sodium   libsodium
#   tokhai::imgui    Dear ImGui 1.86 + OpenGL3 renderer (wasm only)
#   tokhai::httplib  cpp-httplib (native only)
#   tokhai::libpq    libpq, the PostgreSQL client (native only: tokhai-server)
#   tokhai::zlib     zlib (raw DEFLATE of filing payloads, wire/filing_payload.h)
#
# Native builds use Debian's -dev packages. The wasm build compiles SQLite,
# libsodium and imgui from the Debian source packages that shell/deps unpacked
# in TOKHAI_DEPS_DIR; header-only libraries are reached through a private
# include folder that holds only them, so /usr/include never enters the wasm
# include path.

function(tokhai_header_only name header_dir)
  set(inc "${CMAKE_BINARY_DIR}/third_party/${name}/include")
  get_filename_component(leaf "${header_dir}" NAME)
  file(MAKE_DIRECTORY "${inc}")
  file(CREATE_LINK "${header_dir}" "${inc}/${leaf}" SYMBOLIC)
  add_library(tokhai_${name} INTERFACE)
  target_include_directories(tokhai_${name} SYSTEM INTERFACE "${inc}")
  add_library(tokhai::${name} ALIAS tokhai_${name})
endfunction()

foreach(required /usr/include/nlohmann/json.hpp /usr/include/catch2/catch.hpp
                 /usr/include/stb/stb_image.h)
  if(NOT EXISTS "${required}")
    message(FATAL_ERROR "${required} is missing: run shell/deps")
  endif()
endforeach()
tokhai_header_only(json /usr/include/nlohmann)
tokhai_header_only(catch2 /usr/include/catch2)
tokhai_header_only(stb /usr/include/stb)

if(NOT EMSCRIPTEN)
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
  pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
  pkg_check_modules(LIBPQ REQUIRED IMPORTED_TARGET libpq)
  find_package(SQLite3 REQUIRED)
  add_library(tokhai::sodium ALIAS PkgConfig::SODIUM)
  add_library(tokhai::httplib ALIAS PkgConfig::HTTPLIB)
  add_library(tokhai::libpq ALIAS PkgConfig::LIBPQ)
  add_library(tokhai::sqlite3 ALIAS SQLite::SQLite3)
  find_package(ZLIB REQUIRED)
  add_library(tokhai::zlib ALIAS ZLIB::ZLIB)
  find_package(Threads REQUIRED)
  return()
endif()

# ---- wasm: libraries compiled from Debian source packages -------------------
foreach(dir imgui sqlite3 libsodium zlib)
  if(NOT EXISTS "${TOKHAI_DEPS_DIR}/${dir}")
    message(FATAL_ERROR "${TOKHAI_DEPS_DIR}/${dir} is missing: run shell/deps")
  endif()
endforeach()

# SQLite 3.40.1 amalgamation, made by shell/deps with the options of
# cmake/sqlite-wasm-options.txt (single-threaded, no WAL, no extension loading,
# and the SQL the vault never uses left out: ARCHITECTURE.md, "Speed and size
# in wasm"). The same options are compiled in here.
set(_sqlite_options_file "${PROJECT_SOURCE_DIR}/cmake/sqlite-wasm-options.txt")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${_sqlite_options_file}")
file(STRINGS "${_sqlite_options_file}" _sqlite_lines)
set(_sqlite_options "")
foreach(_line IN LISTS _sqlite_lines)
  string(REGEX REPLACE "#.*" "" _line "${_line}")
  string(STRIP "${_line}" _line)
  if(_line)
    list(APPEND _sqlite_options "${_line}")
  endif()
endforeach()
add_library(tokhai_sqlite3 STATIC "${TOKHAI_DEPS_DIR}/sqlite3/sqlite3.c")
target_include_directories(tokhai_sqlite3 SYSTEM PUBLIC "${TOKHAI_DEPS_DIR}/sqlite3")
target_compile_definitions(tokhai_sqlite3 PRIVATE ${_sqlite_options})
target_compile_options(tokhai_sqlite3 PRIVATE -w -Oz)
add_library(tokhai::sqlite3 ALIAS tokhai_sqlite3)

# zlib 1.2.13 (Debian's source package, the same version as the native
# zlib1g-dev): the library's sources only, no gz* file functions (the app has
# no files to gzip). The linker keeps only what is called (deflate on the
# phone).
set(_zlib "${TOKHAI_DEPS_DIR}/zlib")
add_library(tokhai_zlib STATIC
  ${_zlib}/adler32.c ${_zlib}/crc32.c ${_zlib}/deflate.c ${_zlib}/inffast.c ${_zlib}/inflate.c
  ${_zlib}/inftrees.c ${_zlib}/trees.c ${_zlib}/zutil.c)
target_include_directories(tokhai_zlib SYSTEM PUBLIC "${_zlib}")
target_compile_definitions(tokhai_zlib PRIVATE HAVE_UNISTD_H)
target_compile_options(tokhai_zlib PRIVATE -w -Oz)
add_library(tokhai::zlib ALIAS tokhai_zlib)

# libsodium 1.0.18: the orig tarball has no configure; version.h is made from
# its template and every source compiled with CONFIGURED=1.
set(_sodium "${TOKHAI_DEPS_DIR}/libsodium/src/libsodium")
set(VERSION 1.0.18)
set(SODIUM_LIBRARY_VERSION_MAJOR 10)
set(SODIUM_LIBRARY_VERSION_MINOR 3)
set(SODIUM_LIBRARY_MINIMAL_DEF "")
# The public headers are copied beside the generated version.h, because
# version.h includes "export.h" relative to itself.
set(_sodium_gen "${CMAKE_BINARY_DIR}/third_party/sodium/include")
file(COPY "${_sodium}/include/" DESTINATION "${_sodium_gen}" PATTERN "*.in" EXCLUDE)
configure_file("${_sodium}/include/sodium/version.h.in" "${_sodium_gen}/sodium/version.h" @ONLY)
file(GLOB_RECURSE _sodium_sources CONFIGURE_DEPENDS "${_sodium}/*.c")
add_library(tokhai_sodium STATIC ${_sodium_sources})
target_include_directories(tokhai_sodium SYSTEM PUBLIC "${_sodium_gen}")
target_include_directories(tokhai_sodium PRIVATE "${_sodium_gen}/sodium")
target_compile_definitions(tokhai_sodium PUBLIC SODIUM_STATIC=1 PRIVATE CONFIGURED=1)
target_compile_options(tokhai_sodium PRIVATE -w -O2)
add_library(tokhai::sodium ALIAS tokhai_sodium)

# Dear ImGui 1.86 core and the OpenGL3 renderer, as OpenGL ES 3 (WebGL 2).
# The renderer is copied with two changes. First, 1.86 uploads vertices with
# buffer orphaning + glBufferSubData, which corrupted drawing in some WebGL
# implementations (ocornut/imgui#4468, fixed upstream in 1.87 by uploading with
# glBufferData); the copy uploads each draw list with glBufferData.
set(_imgui "${TOKHAI_DEPS_DIR}/imgui")
file(READ "${_imgui}/backends/imgui_impl_opengl3.cpp" _renderer)
foreach(buffer ARRAY_BUFFER:vtx:VtxBuffer ELEMENT_ARRAY_BUFFER:idx:IdxBuffer)
  string(REPLACE ":" ";" buffer "${buffer}")
  list(GET buffer 0 target)
  list(GET buffer 1 prefix)
  list(GET buffer 2 member)
  set(_from "glBufferSubData(GL_${target}, 0, ${prefix}_buffer_size, (const GLvoid*)cmd_list->${member}.Data);")
  set(_to "glBufferData(GL_${target}, ${prefix}_buffer_size, (const GLvoid*)cmd_list->${member}.Data, GL_STREAM_DRAW);")
  string(FIND "${_renderer}" "${_from}" _at)
  if(_at EQUAL -1)
    message(FATAL_ERROR "imgui_impl_opengl3.cpp is not the 1.86 expected here: ${_from} not found")
  endif()
  string(REPLACE "${_from}" "${_to}" _renderer "${_renderer}")
endforeach()
# Second change: the per-frame "Backup GL state" block of RenderDrawData asks
# tokhai::imgui_gl::Baseline (src/app/imgui_gl_baseline.h, which says why and
# why it is exact) instead of glGetIntegerv / glIsEnabled, each a synchronous
# WebGL getParameter. Only that block: the restore at the end of the frame is
# unchanged, and the init-time queries elsewhere in the file still use the real GL.
set(_function "void    ImGui_ImplOpenGL3_RenderDrawData(ImDrawData* draw_data)\n")
set(_backup_from "    // Backup GL state\n")
set(_backup_to "    // Setup desired GL state\n")
string(FIND "${_renderer}" "${_function}" _at_function)
set(_at_from -1)
set(_at_to -1)
if(NOT _at_function EQUAL -1)
  string(SUBSTRING "${_renderer}" ${_at_function} -1 _body)
  string(FIND "${_body}" "${_backup_from}" _at_from)
  string(FIND "${_body}" "${_backup_to}" _at_to)
endif()
if(_at_from EQUAL -1 OR _at_to LESS _at_from)
  message(FATAL_ERROR "imgui_impl_opengl3.cpp is not the 1.86 expected here: no GL state backup in RenderDrawData")
endif()
math(EXPR _at_from "${_at_function} + ${_at_from}")
math(EXPR _at_to "${_at_function} + ${_at_to}")
math(EXPR _length "${_at_to} - ${_at_from}")
string(SUBSTRING "${_renderer}" 0 ${_at_from} _before)
string(SUBSTRING "${_renderer}" ${_at_from} ${_length} _backup)
string(SUBSTRING "${_renderer}" ${_at_to} -1 _after)
string(REPLACE "glGetIntegerv(" "baseline.get_integerv(" _backup "${_backup}")
string(REPLACE "glIsEnabled(" "baseline.is_enabled(" _backup "${_backup}")
string(REPLACE "${_backup_from}"
  "${_backup_from}    const tokhai::imgui_gl::Baseline baseline(fb_width, fb_height);\n" _backup "${_backup}")
set(_include "#include \"imgui_impl_opengl3.h\"\n")
string(FIND "${_before}" "${_include}" _at_include)
if(_at_include EQUAL -1)
  message(FATAL_ERROR "imgui_impl_opengl3.cpp is not the 1.86 expected here: ${_include} not found")
endif()
string(REPLACE "${_include}" "${_include}#include \"${PROJECT_SOURCE_DIR}/src/app/imgui_gl_baseline.h\"\n"
  _before "${_before}")
set(_renderer "${_before}${_backup}${_after}")
set(_renderer_copy "${CMAKE_BINARY_DIR}/third_party/imgui/imgui_impl_opengl3.cpp")
set(_old_copy "")
if(EXISTS "${_renderer_copy}")
  file(READ "${_renderer_copy}" _old_copy)
endif()
if(NOT _old_copy STREQUAL _renderer)
  file(WRITE "${_renderer_copy}" "${_renderer}")
endif()
add_library(tokhai_imgui STATIC
  "${_imgui}/imgui.cpp" "${_imgui}/imgui_draw.cpp" "${_imgui}/imgui_tables.cpp"
  "${_imgui}/imgui_widgets.cpp" "${_renderer_copy}")
target_include_directories(tokhai_imgui SYSTEM PUBLIC "${_imgui}" "${_imgui}/backends")
target_compile_definitions(tokhai_imgui PUBLIC
  IMGUI_IMPL_OPENGL_ES3 IMGUI_DISABLE_OBSOLETE_FUNCTIONS IMGUI_DISABLE_DEMO_WINDOWS
  IMGUI_DISABLE_METRICS_WINDOW IMGUI_DISABLE_FILE_FUNCTIONS)
target_compile_options(tokhai_imgui PRIVATE -w -Oz)
add_library(tokhai::imgui ALIAS tokhai_imgui)
