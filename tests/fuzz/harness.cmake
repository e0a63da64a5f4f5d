# mh_fuzz_harness(NAME SOURCE LIBRARY): one fuzz harness (docs/fuzzing.md), included by tests/fuzz and
# tests/offline. Every build makes fuzz_replay_NAME (the harness with the replay driver) and the test
# fuzz_replay.NAME, which runs the harness's crash-regression inputs and seeds once each (under ASan in
# the sanitizer build). With MAPIHTTP_FUZZ (clang), also the libFuzzer target fuzz_NAME and the test
# fuzz.NAME: the regression inputs, then a bounded fuzzing run (scripts/test.sh step 3).
set(MH_FUZZ_DIR ${CMAKE_CURRENT_LIST_DIR})
set(MAPIHTTP_FUZZ_SECONDS 40 CACHE STRING "Seconds each fuzz harness runs in the test suite")

function(mh_fuzz_harness name source lib)
  add_executable(fuzz_replay_${name} ${source} ${MH_FUZZ_DIR}/driver.c)
  target_link_libraries(fuzz_replay_${name} PRIVATE ${lib})
  target_include_directories(fuzz_replay_${name} PRIVATE ${MH_FUZZ_DIR})
  add_test(NAME fuzz_replay.${name}
           COMMAND sh ${MH_FUZZ_DIR}/run.sh replay ${name} $<TARGET_FILE:fuzz_replay_${name}>
                   ${CMAKE_CURRENT_BINARY_DIR}/fuzz-replay-${name})
  set_tests_properties(fuzz_replay.${name} PROPERTIES TIMEOUT 600)
  if(MAPIHTTP_FUZZ)
    add_executable(fuzz_${name} ${source})
    target_link_libraries(fuzz_${name} PRIVATE ${lib})
    target_include_directories(fuzz_${name} PRIVATE ${MH_FUZZ_DIR})
    target_link_options(fuzz_${name} PRIVATE -fsanitize=fuzzer)
    add_test(NAME fuzz.${name}
             COMMAND sh ${MH_FUZZ_DIR}/run.sh fuzz ${name} $<TARGET_FILE:fuzz_${name}>
                     ${CMAKE_CURRENT_BINARY_DIR}/fuzz-work-${name} ${MAPIHTTP_FUZZ_SECONDS})
    math(EXPR timeout "${MAPIHTTP_FUZZ_SECONDS} + 300")
    set_tests_properties(fuzz.${name} PROPERTIES TIMEOUT ${timeout})
  endif()
endfunction()
