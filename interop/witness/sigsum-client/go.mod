module waxseal.dev/interop/witness/sigsum-client

go 1.25.0

require sigsum.org/sigsum-go v0.14.1

require (
	golang.org/x/net v0.55.0 // indirect
	golang.org/x/text v0.37.0 // indirect
)
