# short_fuzz_run.cmake: one short libFuzzer run for ctest (tests/fuzz/CMakeLists.txt).
#
#   cmake -DFUZZER=... -DCORPUS=... -DREGRESSIONS=... -DWORK=... -DSECONDS=... -P short_fuzz_run.cmake
#
# Copies the committed corpus to WORK/corpus (libFuzzer adds the inputs it
# finds to the first folder it is given, so the repository stays untouched),
# fuzzes for SECONDS with the regressions as extra seeds, and fails when
# libFuzzer reports a crash, a leak, a timeout or running out of memory; the
# input that did it is left in WORK/artifacts.
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/artifacts")
file(COPY "${CORPUS}/" DESTINATION "${WORK}/corpus")
execute_process(
  COMMAND "${FUZZER}" -max_total_time=${SECONDS} -timeout=5 -rss_limit_mb=2048
          -print_final_stats=1 "-artifact_prefix=${WORK}/artifacts/" "${WORK}/corpus" "${REGRESSIONS}"
  RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  file(GLOB found "${WORK}/artifacts/*")
  message(FATAL_ERROR "libFuzzer failed (${status}); the input is in: ${found}")
endif()
