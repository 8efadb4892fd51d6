# tokhai_project_options: the compile options every target of ours links.
# Third-party sources (imgui, SQLite, libsodium) do not link it, so their
# warnings never fail our build.
add_library(tokhai_project_options INTERFACE)
target_compile_options(tokhai_project_options INTERFACE
  -Wall -Wextra -Werror -Wshadow -Wnon-virtual-dtor -Wold-style-cast
  -Wcast-align -Wnull-dereference -Wdouble-promotion -Wformat=2
  -Wimplicit-fallthrough)
target_compile_features(tokhai_project_options INTERFACE cxx_std_20)

if(TOKHAI_SANITIZE)
  set(_tokhai_san -fsanitize=address,undefined -fno-omit-frame-pointer
      -fno-sanitize-recover=undefined)
  target_compile_options(tokhai_project_options INTERFACE ${_tokhai_san})
  target_link_options(tokhai_project_options INTERFACE ${_tokhai_san})
endif()

# The fuzz preset (tests/fuzz/README.md): our code is instrumented for
# libFuzzer's coverage and checked by ASan + UBSan; each fuzz target links
# libFuzzer's main with -fsanitize=fuzzer (tests/fuzz/CMakeLists.txt).
if(TOKHAI_FUZZ)
  set(_tokhai_fuzz -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
      -fno-sanitize-recover=undefined)
  target_compile_options(tokhai_project_options INTERFACE ${_tokhai_fuzz})
  target_link_options(tokhai_project_options INTERFACE ${_tokhai_fuzz})
endif()

# The wasm build optimises third-party code for size (-Oz) and ours for speed
# (-O2). The optimisation level is set per target, not in CMakePresets.json,
# because emcc turns -Oz into -fno-inline-functions for the whole command line
# and a later -O2 does not undo it. ARCHITECTURE.md ("Speed and size in wasm")
# has the measurements.
set(TOKHAI_WASM_OPTIMIZE "-O2" CACHE STRING "Optimisation level of our code in the wasm build")
if(EMSCRIPTEN)
  target_compile_options(tokhai_project_options INTERFACE ${TOKHAI_WASM_OPTIMIZE})
endif()
