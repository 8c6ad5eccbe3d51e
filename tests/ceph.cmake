# The real single-node Ceph the tests with label `ceph` run against (issue 17):
# the fixture `ceph` starts deploy/ceph.sh in ${HOSO_CEPH_TEST_DIR} before the
# first test that needs it and stops it after the last one (the data stays for
# the next run, which starts it again in seconds; a cluster left running by an
# interrupted run is reused). Two build dirs on one machine need two ports:
# cmake -DHOSO_CEPH_TEST_PORT=17481 (the mon takes the port + 20000).
set(HOSO_CEPH_TEST_PORT 17480 CACHE STRING "S3 port of the tests' Ceph (radosgw on 127.0.0.1)")
set(HOSO_CEPH_TEST_DIR ${CMAKE_BINARY_DIR}/ceph-test)
set(HOSO_CEPH_SCRIPT ${PROJECT_SOURCE_DIR}/deploy/ceph.sh)

add_test(NAME ceph_cluster_start
  COMMAND bash ${HOSO_CEPH_SCRIPT} start ${HOSO_CEPH_TEST_DIR} --port ${HOSO_CEPH_TEST_PORT})
set_tests_properties(ceph_cluster_start PROPERTIES FIXTURES_SETUP ceph LABELS ceph TIMEOUT 300)
add_test(NAME ceph_cluster_stop COMMAND bash ${HOSO_CEPH_SCRIPT} stop ${HOSO_CEPH_TEST_DIR})
set_tests_properties(ceph_cluster_stop PROPERTIES FIXTURES_CLEANUP ceph LABELS ceph TIMEOUT 120)

# hoso_ceph_tests(TARGET [TEST_PREFIX p] [TEST_FILTER f] [ENV VAR=VALUE...])
# registers the gtest cases of TARGET (already added with add_executable) to
# run against that cluster: label ceph, fixture ceph, HOSO_TEST_S3_ENV naming
# its s3.env (tests/support/s3_test_env.h reads it) and the given variables.
# May be called more than once for one target (e.g. TEST_PREFIX ceph. beside
# the same cases on packs).
function(hoso_ceph_tests target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "TEST_PREFIX;TEST_FILTER" "ENV")
  set(env HOSO_TEST_S3_ENV=${HOSO_CEPH_TEST_DIR}/s3.env ${arg_ENV})
  string(MAKE_C_IDENTIFIER "${target}_${arg_TEST_PREFIX}_ceph_tests" list)
  set(discover_args)
  if(arg_TEST_PREFIX)
    list(APPEND discover_args TEST_PREFIX ${arg_TEST_PREFIX})
  endif()
  if(arg_TEST_FILTER)
    list(APPEND discover_args TEST_FILTER ${arg_TEST_FILTER})
  endif()
  gtest_discover_tests(${target} ${discover_args} TEST_LIST ${list} DISCOVERY_TIMEOUT 60
    PROPERTIES LABELS ceph FIXTURES_REQUIRED ceph)
  # gtest_discover_tests flattens a list-valued ENVIRONMENT into separate
  # arguments, so the environment is set by a file ctest reads after the
  # discovered tests (include files run in the order they were added); one
  # bracket argument keeps the list whole.
  set(env_file ${CMAKE_CURRENT_BINARY_DIR}/${list}_env.cmake)
  file(WRITE ${env_file}
    "if(${list})\n  set_tests_properties(\${${list}} PROPERTIES ENVIRONMENT [==[${env}]==])\nendif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${env_file})
endfunction()
