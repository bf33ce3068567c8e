/**
 * AWS Signature Version 4a ({@code AWS4-ECDSA-P256-SHA256}): {@link dev.awssig.v4a.SigV4aSigner}
 * signs and presigns for a {@link dev.awssig.v4a.RegionSet}, {@link dev.awssig.v4a.SigV4aVerifier}
 * verifies, {@link dev.awssig.v4a.SigV4aKeys} gives the public key of a pair of credentials.
 *
 * @since 0.2.0
 */
package dev.awssig.v4a;
