#!/bin/sh
echo "mdhub: Bazel's coverage tools are not available offline (bazel/stubs/remote_coverage_tools)." >&2
echo "mdhub: use the CMake build for coverage." >&2
exit 1
