/**
 * Implementation of the SigV2 signers and verifiers: the engines behind the public classes
 * ({@code S3V2SigningEngine}, {@code S3V2VerifyEngine}, {@code QueryV2SigningEngine},
 * {@code QueryV2VerifyEngine}), canonicalization, parameter parsing, keyed MACs, dates and the SPI
 * providers. Not exported.
 */
package dev.awssig.v2.internal;
