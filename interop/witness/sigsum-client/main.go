// Command sigsum-client drives a C2SP tlog-witness with sigsum-go v0.14.1, an implementation that
// shares no code with Waxseal: sigsum-go builds the log (tree, signed checkpoint, consistency
// proof), sends add-checkpoint with its own HTTP client, and verifies the returned cosignatures
// with its own cosignature/v1 code. It also parses policy files with sigsum-go's own parser.
//
// The log is a Sigsum-style log whose Ed25519 key is derived from a 32-byte hex seed, with the
// same leaves as sigsum-go's tests/mk-add-checkpoint-request (leaf i = i as 8 big-endian bytes,
// then zeros).
//
//	sigsum-client log-line <seed>                     "<origin> <vkey>" for a witness's log list
//	sigsum-client log-key <seed>                      the log's public key, hex
//	sigsum-client request <seed> <old> <new>          an add-checkpoint body, on stdout
//	sigsum-client add-checkpoint <url> <seed> <old> <new> <witness key hex>
//	                                                  send it; verify; print the cosigned checkpoint
//	                                                  (exit 3 and "conflict <size>" on 409)
//	sigsum-client policy <file>                       "ok" or "error: ..." from sigsum's parser
//	sigsum-client bench-logs <prefix> <n>             log lines of n logs for a witness's log list
//	sigsum-client bench <url> <prefix> <n> <steps>    n logs in parallel, each growing by one leaf
//	                                                  per request for <steps> requests; prints
//	                                                  requests/s and latency percentiles
package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"os"
	"sort"
	"strconv"
	"sync"
	"time"

	"sigsum.org/sigsum-go/pkg/api"
	"sigsum.org/sigsum-go/pkg/checkpoint"
	"sigsum.org/sigsum-go/pkg/client"
	"sigsum.org/sigsum-go/pkg/crypto"
	"sigsum.org/sigsum-go/pkg/merkle"
	"sigsum.org/sigsum-go/pkg/policy"
	"sigsum.org/sigsum-go/pkg/requests"
	"sigsum.org/sigsum-go/pkg/types"
)

func main() {
	if len(os.Args) < 2 {
		fail("usage: sigsum-client log-line|log-key|request|add-checkpoint|policy ...")
	}
	args := os.Args[2:]
	switch os.Args[1] {
	case "log-line":
		need(args, 1)
		signer := logSigner(args[0])
		pub := signer.Public()
		origin := types.SigsumCheckpointOrigin(&pub)
		keyId := checkpoint.NewLogKeyId(origin, &pub)
		vkey := fmt.Sprintf("%s+%x+%s", origin, keyId[:],
			base64.StdEncoding.EncodeToString(append([]byte{byte(checkpoint.SigTypeEd25519)}, pub[:]...)))
		fmt.Printf("%s %s\n", origin, vkey)
	case "log-key":
		need(args, 1)
		pub := logSigner(args[0]).Public()
		fmt.Println(hex.EncodeToString(pub[:]))
	case "request":
		need(args, 3)
		req := makeRequest(args[0], size(args[1]), size(args[2]))
		if err := req.ToASCII(os.Stdout); err != nil {
			fail(err.Error())
		}
	case "add-checkpoint":
		need(args, 5)
		addCheckpoint(args[0], args[1], size(args[2]), size(args[3]), args[4])
	case "bench-logs":
		need(args, 2)
		for i := 0; i < int(size(args[1])); i++ {
			signer := logSigner(benchSeed(args[0], i))
			pub := signer.Public()
			origin := types.SigsumCheckpointOrigin(&pub)
			keyId := checkpoint.NewLogKeyId(origin, &pub)
			fmt.Printf("%s %s+%x+%s\n", origin, origin, keyId[:],
				base64.StdEncoding.EncodeToString(append([]byte{byte(checkpoint.SigTypeEd25519)}, pub[:]...)))
		}
	case "bench":
		need(args, 4)
		bench(args[0], args[1], int(size(args[2])), int(size(args[3])))
	case "policy":
		need(args, 1)
		if _, err := policy.ReadPolicyFile(args[0]); err != nil {
			fmt.Printf("error: %v\n", err)
		} else {
			fmt.Println("ok")
		}
	default:
		fail("unknown command " + os.Args[1])
	}
}

func addCheckpoint(url, seed string, oldSize, newSize uint64, witnessKeyHex string) {
	witnessKey, err := crypto.PublicKeyFromHex(witnessKeyHex)
	if err != nil {
		fail("witness key: " + err.Error())
	}
	req := makeRequest(seed, oldSize, newSize)
	cli := client.New(client.Config{URL: url, UserAgent: "waxseal-interop sigsum-go/v0.14.1"})
	lines, err := cli.AddCheckpoint(context.Background(), req)
	if size, ok := api.ErrorConflictOldSize(err); ok {
		fmt.Printf("conflict %d\n", size)
		os.Exit(3)
	}
	if err != nil {
		fail("add-checkpoint: " + err.Error())
	}
	// sigsum-go's own cosignature/v1 check: key id from the line's name and the witness key
	cosignature, err := req.Checkpoint.VerifyCosignatureByKey(lines, &witnessKey)
	if err != nil {
		fail("sigsum-go does not accept the cosignature: " + err.Error())
	}
	fmt.Fprintf(os.Stderr, "sigsum-go verified the cosignature (timestamp %d)\n", cosignature.Timestamp)
	var note bytes.Buffer
	if err := req.Checkpoint.ToASCII(&note); err != nil {
		fail(err.Error())
	}
	for _, line := range lines {
		if err := line.ToASCII(&note); err != nil {
			fail(err.Error())
		}
	}
	os.Stdout.Write(note.Bytes())
}

func benchSeed(prefix string, i int) string {
	h := crypto.HashBytes([]byte(fmt.Sprintf("%s %d", prefix, i)))
	return hex.EncodeToString(h[:])
}

// bench measures the witness alone: every body is built before the clock starts, and sent over
// one keep-alive connection per log.
func bench(url, prefix string, logs, steps int) {
	bodies := make([][][]byte, logs)
	for l := 0; l < logs; l++ {
		for s := 0; s < steps; s++ {
			var buf bytes.Buffer
			req := makeRequest(benchSeed(prefix, l), uint64(s), uint64(s+1))
			if err := req.ToASCII(&buf); err != nil {
				fail(err.Error())
			}
			bodies[l] = append(bodies[l], buf.Bytes())
		}
	}
	latencies := make([][]time.Duration, logs)
	var wg sync.WaitGroup
	start := time.Now()
	for l := 0; l < logs; l++ {
		wg.Add(1)
		go func(l int) {
			defer wg.Done()
			client := &http.Client{}
			for _, body := range bodies[l] {
				t := time.Now()
				rsp, err := client.Post(url+"/add-checkpoint", "text/plain", bytes.NewReader(body))
				if err != nil {
					fail(err.Error())
				}
				io.Copy(io.Discard, rsp.Body)
				rsp.Body.Close()
				if rsp.StatusCode != 200 {
					fail(fmt.Sprintf("log %d: status %d", l, rsp.StatusCode))
				}
				latencies[l] = append(latencies[l], time.Since(t))
			}
		}(l)
	}
	wg.Wait()
	elapsed := time.Since(start)
	var all []time.Duration
	for _, l := range latencies {
		all = append(all, l...)
	}
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	pct := func(p float64) time.Duration { return all[int(p*float64(len(all)-1))] }
	fmt.Printf("%d logs x %d requests: %.0f cosignatures/s, p50 %v, p99 %v\n",
		logs, steps, float64(len(all))/elapsed.Seconds(), pct(0.5).Round(10*time.Microsecond),
		pct(0.99).Round(10*time.Microsecond))
}

func makeRequest(seed string, oldSize, newSize uint64) requests.AddCheckpoint {
	if oldSize > newSize {
		fail("old size is larger than new size")
	}
	signer := logSigner(seed)
	pub := signer.Public()
	tree := merkle.NewTree()
	for i := uint64(0); i < newSize; i++ {
		h := crypto.Hash{}
		binary.BigEndian.PutUint64(h[:8], i)
		tree.AddLeafHash(&h)
	}
	th := types.TreeHead{Size: tree.Size(), RootHash: tree.GetRootHash()}
	sth, err := th.Sign(signer)
	if err != nil {
		fail(err.Error())
	}
	var proof []crypto.Hash
	if oldSize > 0 && oldSize < newSize {
		proof, err = tree.ProveConsistency(oldSize, newSize)
		if err != nil {
			fail(err.Error())
		}
	}
	origin := types.SigsumCheckpointOrigin(&pub)
	return requests.AddCheckpoint{
		OldSize: oldSize,
		Proof:   types.ConsistencyProof{Path: proof},
		Checkpoint: checkpoint.Checkpoint{
			SignedTreeHead: sth,
			Origin:         origin,
			KeyId:          checkpoint.NewLogKeyId(origin, &pub),
		},
	}
}

func logSigner(seedHex string) *crypto.Ed25519Signer {
	signer, err := crypto.SignerFromHex(seedHex)
	if err != nil {
		fail("seed: " + err.Error())
	}
	return signer
}

func size(s string) uint64 {
	n, err := strconv.ParseUint(s, 10, 63)
	if err != nil {
		fail("size: " + err.Error())
	}
	return n
}

func need(args []string, n int) {
	if len(args) != n {
		fail(fmt.Sprintf("want %d arguments, got %d", n, len(args)))
	}
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, "sigsum-client:", msg)
	os.Exit(1)
}
