/**
 * Implementation of the POST policy module: JSON, HTML, field rules and signatures. Not exported.
 */
package dev.awssig.post.internal;
