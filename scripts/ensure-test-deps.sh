#!/usr/bin/env bash
# Installs the Debian packages the tests drive (real peers, the browser for end-to-end tests).
# Runs as part of `npm test`; installs only what is missing, and only where it may (root).
# dnsmasq-base is the binary alone: the tests start their own DNS server on loopback, never a service.
# kamailio (with its TLS module) and rsyslog are peers the tests start themselves, on loopback; tshark
# reads back the pcap files we export; python3-pylibsrtp is libsrtp, the oracle for our SRTP.
set -euo pipefail
packages=(chromium openssl sip-tester dnsmasq-base kamailio kamailio-tls-modules rsyslog tshark python3-pylibsrtp)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null; then
  echo "test deps: missing ${missing[*]}; install them with your package manager (Debian names)." >&2
  exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "test deps: missing ${missing[*]}. Run as root: apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "test deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
