import { orderStatusChange } from './changeStatus';

export const cancelOrder = orderStatusChange('cancel', 'cancelOrder');
