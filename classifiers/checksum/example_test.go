package checksum_test

import (
	"fmt"

	"github.com/weir-dev/weir/classifiers/checksum"
)

func ExampleLuhn() {
	fmt.Println(checksum.Luhn([]byte("4111 1111 1111 1111")))
	fmt.Println(checksum.Luhn([]byte("4111 1111 1111 1112")))
	// Output:
	// true
	// false
}

func ExampleIBAN() {
	fmt.Println(checksum.IBAN([]byte("GB82 WEST 1234 5698 7654 32")))
	fmt.Println(checksum.IBAN([]byte("gb82 west 1234 5698 7654 32"))) // IBANs are upper case
	// Output:
	// true
	// false
}

func ExampleTokenCRC32() {
	fmt.Println(checksum.TokenCRC32([]byte("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")))
	// Output: true
}

func ExampleDigits() {
	fmt.Printf("%s\n", checksum.Digits(nil, []byte("943 476 5919")))
	// Output: 9434765919
}
