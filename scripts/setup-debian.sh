#!/bin/sh
# Install what building and testing aerofuture needs on Debian (run as root).
# Safe to run again: apt-get skips what is already installed.
set -e
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
	build-essential autoconf automake libtool pkg-config \
	libevent-dev libjansson-dev libssl-dev check \
	valgrind doxygen clang ca-certificates >/dev/null
