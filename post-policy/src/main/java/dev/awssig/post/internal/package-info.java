/**
 * Implementation of the POST policy module: the engines behind the public signer and enforcer
 * ({@code PostFormSigningEngine}, {@code PostPolicyVerifyEngine}), JSON, HTML, field rules and
 * signatures. Not exported.
 */
package dev.awssig.post.internal;
