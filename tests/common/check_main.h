/* The one main() of the Check programs (check_main.c): it runs the suite
 * that the program's test file returns from test_suite(). A test file
 * defines its tests and that function, and no main():
 *
 *     #include "common/check_main.h"
 *
 *     Suite *test_suite(void)
 *     {
 *         Suite *s = suite_create("key");
 *         TCase *tc = tcase_create("core");
 *
 *         tcase_add_test(tc, test_digests);
 *         suite_add_tcase(s, tc);
 *         return s;
 *     }
 *
 * Work around the tests belongs to Check's fixtures, not to main():
 * tcase_add_checked_fixture() runs around each test in the test's own
 * process, tcase_add_unchecked_fixture() once per test case in the runner's
 * process (with CK_FORK=no, the process that ran the tests: the place to
 * free what they loaded once and kept).
 *
 * Check's environment variables work as for any Check program:
 * CK_DEFAULT_TIMEOUT and CK_TIMEOUT_MULTIPLIER (a tcase_set_timeout() in
 * the suite wins over the default), CK_FORK=no, CK_RUN_SUITE, CK_RUN_CASE,
 * CK_VERBOSITY (normal when unset). The exit status is what Automake's test
 * driver reads: 0 when every test passed, 1 otherwise. */
#ifndef AS_TESTS_CHECK_MAIN_H
#define AS_TESTS_CHECK_MAIN_H

#include <check.h>

/* The program's suite; the runner frees it. */
Suite *test_suite(void);

#endif
