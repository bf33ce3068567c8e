/**
 * The signer service-provider interface, for modules that add an algorithm.
 *
 * @since 0.1.0
 */
package dev.awssig.spi;
