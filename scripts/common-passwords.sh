#!/bin/sh
# Rebuilds the first part of internal/auth/common_passwords.txt from the zxcvbn password
# frequency list in the Go module cache (go mod download github.com/trustelem/zxcvbn@v1.0.1).
# The German part after the line "# German and local additions" is kept as it is.
set -eu
dir=$(go mod download -json github.com/trustelem/zxcvbn@v1.0.1 | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
out=internal/auth/common_passwords.txt
german=$(sed -n '/^# German and local additions/,$p' "$out")
{
	sed -n '1,/^# Regenerate/p' "$out"
	awk 'length($1)>=4 {print tolower($1)}' "$dir/data/passwords.txt" | awk '!seen[$0]++' | head -10000
	printf '%s\n' "$german"
} >"$out.new"
mv "$out.new" "$out"
