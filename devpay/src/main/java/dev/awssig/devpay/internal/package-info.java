/**
 * Implementation of the DevPay decorator: where the tokens go in headers, query strings and
 * forms, the decorating signer, presigner and verifier, and the SPI providers. Not exported.
 */
package dev.awssig.devpay.internal;
