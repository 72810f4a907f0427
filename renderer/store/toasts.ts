import { create } from 'zustand';

export interface Toast {
  id: number;
  tone: 'info' | 'error';
  message: string;
  action?: { label: string; run(): void };
}

interface ToastState {
  toasts: Toast[];
  show(toast: Omit<Toast, 'id'>, ms?: number): void;
  dismiss(id: number): void;
}

let nextId = 1;

export const useToasts = create<ToastState>()((set, get) => ({
  toasts: [],
  show(toast, ms = toast.tone === 'error' ? 10000 : 6000) {
    const id = nextId++;
    set((s) => ({ toasts: [...s.toasts.slice(-3), { ...toast, id }] }));
    setTimeout(() => get().dismiss(id), ms);
  },
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
}));

export function showError(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  useToasts.getState().show({ tone: 'error', message });
}
