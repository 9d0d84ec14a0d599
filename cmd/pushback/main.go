// Command pushback coaches people to push back well. See README.md.
package main

import (
	"os"

	"github.com/pushback/pushback/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
