import { nextTick, ref, type Ref } from 'vue';
import { messageOf } from '../messageOf';

export interface FormSubmitSteps {
  /** Checks the form; false when a field is invalid (its input carries aria-invalid). */
  valid(): boolean;
  /** Sends it to the hub; a throw is the hub's refusal, shown in the form. */
  send(): Promise<void>;
}

/**
 * The submit flow every dialog form shares: one send at a time, the first invalid field
 * focused, the hub's sentence kept on screen (and scrolled to) with what the user typed.
 */
export function useFormSubmit(formEl: Readonly<Ref<HTMLFormElement | null>>, steps: FormSubmitSteps) {
  const submitting = ref(false);
  const hubError = ref<string | null>(null);
  async function submit(): Promise<void> {
    if (submitting.value) return;
    if (!steps.valid()) {
      await nextTick();
      formEl.value?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    submitting.value = true;
    hubError.value = null;
    try {
      await steps.send();
    } catch (err) {
      hubError.value = messageOf(err);
      await nextTick();
      // Centre, not nearest: the dialog's sticky button row would cover its bottom edge.
      formEl.value?.querySelector('.hub-error')?.scrollIntoView({ block: 'center' });
    } finally {
      submitting.value = false;
    }
  }
  return { submitting, hubError, submit };
}
