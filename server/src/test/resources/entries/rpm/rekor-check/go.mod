module rekorcheck

go 1.25.0

// The versions sigstore/rekor v1.5.4 builds with (klauspost/compress: any that is cached;
// go-rpmutils only needs it to decompress payloads, which Verify does not do).
require (
	github.com/DataDog/zstd v1.5.5
	github.com/ProtonMail/go-crypto v1.4.1
	github.com/cloudflare/circl v1.6.3
	github.com/klauspost/compress v1.18.6
	github.com/sassoftware/go-rpmutils v0.4.0
	github.com/ulikunitz/xz v0.5.15
	github.com/xi2/xz v0.0.0-20171230120015-48954b6210f8
	golang.org/x/crypto v0.55.0
	golang.org/x/sys v0.47.0
)
