# Sourced by ./cryptorch and .ci/run: exports JAVA_HOME pointing at a JDK >= 21 (newest found), or exits with advice.
jdk_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
pick=""
for cand in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
  [[ -n "$cand" && -x "$cand/bin/javac" ]] || continue
  v="$(jdk_major "$cand")"
  [[ "$v" =~ ^[0-9]+$ ]] || continue
  if (( v >= 21 )) && { [[ -z "$pick" ]] || (( v > $(jdk_major "$pick") )); }; then pick="$cand"; fi
done
if [[ -z "$pick" ]]; then
  echo "cryptorch: no JDK >= 21 found (looked at JAVA_HOME and /usr/lib/jvm). Install one (e.g. Temurin 25) and set JAVA_HOME to it." >&2
  exit 1
fi
export JAVA_HOME="$pick"
