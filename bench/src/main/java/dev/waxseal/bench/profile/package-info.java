/** Reading JFR recordings of the server: {@link dev.waxseal.bench.profile.HotMethods}. */
@NullMarked
package dev.waxseal.bench.profile;

import org.jspecify.annotations.NullMarked;
