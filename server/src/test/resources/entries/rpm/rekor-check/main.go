// Prints what Rekor v1.5.4's rpm type says of a package and an armored key: its check is
// go-rpmutils v0.4.0's Verify with the key ring, then "no supported PGP signature found in RPM"
// if Verify found no signature. Usage: go run . PACKAGE.rpm KEY.asc
package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/ProtonMail/go-crypto/openpgp"
	"github.com/ProtonMail/go-crypto/openpgp/armor"
	rpmutils "github.com/sassoftware/go-rpmutils"
)

func main() {
	pkg, _ := os.ReadFile(os.Args[1])
	keyFile, _ := os.ReadFile(os.Args[2])
	block, err := armor.Decode(bytes.NewReader(keyFile))
	if err != nil {
		fmt.Println("key:", err)
		return
	}
	ring, err := openpgp.ReadKeyRing(block.Body)
	if err != nil {
		fmt.Println("key:", err)
		return
	}
	hdr, sigs, err := rpmutils.Verify(bytes.NewReader(pkg), ring)
	if err != nil {
		fmt.Println("ERR", err)
		return
	}
	if len(sigs) == 0 {
		fmt.Println("ERR no supported PGP signature found in RPM")
		return
	}
	nevra, err := hdr.GetNEVRA()
	md5, _ := hdr.GetBytes(rpmutils.SIG_MD5)
	fmt.Printf("OK sigs=%d nevra=%+v err=%v md5=%x\n", len(sigs), *nevra, err, md5)
}
