import { orderStatusChange } from './changeStatus';

export const pauseOrder = orderStatusChange('pause', 'pauseOrder');
