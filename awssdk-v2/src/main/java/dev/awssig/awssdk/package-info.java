/**
 * awssig inside the AWS SDK for Java v2: {@link dev.awssig.awssdk.AwssigAuthScheme} and
 * {@link dev.awssig.awssdk.AwssigHttpSigner}.
 *
 * @since 0.2.0
 */
package dev.awssig.awssdk;
