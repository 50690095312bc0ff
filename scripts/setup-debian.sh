#!/bin/sh
# Install what building and testing aerofuture needs on Debian (run as root).
# Safe to run again: apt-get skips what is already installed.
set -e
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# libyaml-0-2: the official Node.js client's prebuilt addon links it
# (tests/conformance; node >= 20 and npm themselves are not Debian 12's).
apt-get install -y -qq --no-install-recommends \
	build-essential autoconf automake libtool pkg-config \
	libevent-dev libjansson-dev libssl-dev check \
	valgrind strace doxygen clang libclang-rt-14-dev ca-certificates libyaml-0-2 >/dev/null
