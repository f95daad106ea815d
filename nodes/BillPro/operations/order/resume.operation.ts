import { orderStatusChange } from './changeStatus';

export const resumeOrder = orderStatusChange('resume', 'resumeOrder');
