#!/usr/bin/env bash
# Makes a development CA and, signed by it, a server certificate for hosod and
# a client certificate for hoso, with openssl. For trying TLS and for tests;
# production servers use certificates from the school's or district's CA.
#
#   bash deploy/dev-ca.sh OUTDIR [HOSTNAME_OR_IP ...]
#
# OUTDIR gets ca.pem (give it to hoso --ca and hosod --client-ca), ca.key,
# server.pem/server.key (hosod --tls-cert/--tls-key; valid for localhost,
# 127.0.0.1 and the names given) and client.pem/client.key (hoso --cert/--key).
set -euo pipefail

out="${1:?usage: dev-ca.sh OUTDIR [HOSTNAME_OR_IP ...]}"
shift
mkdir -p "$out"
cd "$out"
umask 077

san="DNS:localhost,IP:127.0.0.1,IP:::1"
for host in "$@"; do
  if [[ "$host" =~ ^[0-9.]+$ || "$host" == *:* ]]; then san+=",IP:$host"; else san+=",DNS:$host"; fi
done

ec=(-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes)
openssl req -x509 "${ec[@]}" -keyout ca.key -out ca.pem -days 825 \
  -subj "/O=hoso development/CN=hoso development CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  2>/dev/null

sign() {  # name subject extensions
  openssl req "${ec[@]}" -keyout "$1.key" -out "$1.csr" -subj "$2" 2>/dev/null
  printf '%s\n' "$3" > "$1.ext"
  openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days 825 \
    -out "$1.pem" -extfile "$1.ext" 2>/dev/null
  rm -f "$1.csr" "$1.ext"
}
sign server "/O=hoso development/CN=hosod" \
  "subjectAltName=$san
extendedKeyUsage=serverAuth
basicConstraints=CA:FALSE"
sign client "/O=hoso development/CN=hoso client" \
  "extendedKeyUsage=clientAuth
basicConstraints=CA:FALSE"
rm -f ca.srl
chmod 644 ca.pem server.pem client.pem

echo "made in $out:"
echo "  hosod --tls-cert $out/server.pem --tls-key $out/server.key [--client-ca $out/ca.pem]"
echo "  hoso --ca $out/ca.pem [--cert $out/client.pem --key $out/client.key] whoami"
