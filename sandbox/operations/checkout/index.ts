/** Checkout routes (custom checkout for the payment iframe; CardCorp only [V]). */
import { route, type RouteDefinition } from '../../router';
import { renewCheckout } from './renew';

export const checkoutRoutes: readonly RouteDefinition[] = [route('renewCheckout', renewCheckout)];
