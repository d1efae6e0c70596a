"""The course's tooling: the conventions every command shares, and the commands themselves.

`bin/` holds only thin entry points (each a few lines) that call `main()` of a module here; the shell
scripts in `bin/` read the course's settings through `python3 -m course` (see `course.__main__`).

  paths          the repository's folders and files (notebooks, solutions, target/, site, decks, reports)
                 and notebook discovery (one function)
  settings       the course's settings from ONE place, the properties of pom.xml: the rapaio kernel's
                 version, the JVM flags and heaps of the kernel and of the unit tests
  kernelspec     the kernel.json writers: the course's own rapaio kernel, and IJava/JJava kernelspecs
  lessons        learner copies generated from the solved lessons; typed numbers in prose
  slides         default slide metadata of a lesson
  render         the offline site and the reveal.js decks
  check_site     every page and deck refers only to local files
  run_notebooks  the headless notebook runner and its report
  kernel_check   kernel start-up checks and the class-data archive
  screenshot     the headless-Chromium screenshot test of the decks
  runner_selftest, welcome_outputs   end-to-end checks of the runner that need a live kernel

Only the standard library is needed to import `paths`, `settings` and `kernelspec` (the shell scripts use
them before Jupyter is installed); the other modules use nbformat, nbclient and jupyter_client.
The unit tests are in tools/tests/ (`python3 -m unittest discover -s tools/tests`; bin/test runs them).
"""
