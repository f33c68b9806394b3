/// <reference lib="dom" />
/**
 * The browser's speech recognition (Chrome's webkitSpeechRecognition, or the standard name), for
 * the live transcript: interim text for display, final results to send. Recognition stops by itself
 * after silence, so it is restarted for as long as the answer lasts.
 */

interface RecognitionAlternative {
  readonly transcript: string;
  readonly confidence: number;
}
interface RecognitionResult {
  readonly isFinal: boolean;
  readonly length: number;
  readonly [index: number]: RecognitionAlternative;
}
interface RecognitionEvent {
  readonly resultIndex: number;
  readonly results: { readonly length: number; readonly [index: number]: RecognitionResult };
}
interface Recognition {
  lang: string;
  continuous: boolean;
  interimResults: boolean;
  onresult: ((event: RecognitionEvent) => void) | null;
  onend: (() => void) | null;
  onerror: ((event: { readonly error: string }) => void) | null;
  start(): void;
  stop(): void;
}
type RecognitionConstructor = new () => Recognition;

function recognitionConstructor(): RecognitionConstructor | null {
  const scope = window as unknown as {
    SpeechRecognition?: RecognitionConstructor;
    webkitSpeechRecognition?: RecognitionConstructor;
  };
  return scope.SpeechRecognition ?? scope.webkitSpeechRecognition ?? null;
}

export function speechRecognitionAvailable(): boolean {
  return recognitionConstructor() !== null;
}

export interface TranscriptListener {
  interim(text: string): void;
  final(text: string, confidence: number | undefined): void;
  /** Recognition gave up (no permission, no network service); the room falls back to typing. */
  failed(reason: string): void;
}

export interface LiveTranscriber {
  stop(): void;
}

export function startTranscriber(language: string, listener: TranscriptListener): LiveTranscriber | null {
  const Constructor = recognitionConstructor();
  if (Constructor === null) return null;
  let active = true;
  const recognition = new Constructor();
  recognition.lang = language;
  recognition.continuous = true;
  recognition.interimResults = true;
  recognition.onresult = (event) => {
    let interim = '';
    for (let index = event.resultIndex; index < event.results.length; index += 1) {
      const result = event.results[index]!;
      const best = result[0];
      if (best === undefined) continue;
      if (result.isFinal) listener.final(best.transcript.trim(), best.confidence || undefined);
      else interim += best.transcript;
    }
    listener.interim(interim.trim());
  };
  recognition.onerror = (event) => {
    if (event.error === 'no-speech' || event.error === 'aborted') return;
    active = false;
    listener.failed(event.error);
  };
  recognition.onend = () => {
    if (active) {
      try {
        recognition.start();
      } catch {
        active = false;
      }
    }
  };
  recognition.start();
  return {
    stop() {
      active = false;
      recognition.stop();
    },
  };
}

/** Reads the question aloud with the browser's speech synthesis, when the candidate asked for it. */
export function speak(text: string, language: string): void {
  if (!('speechSynthesis' in window)) return;
  window.speechSynthesis.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = language;
  window.speechSynthesis.speak(utterance);
}

export function stopSpeaking(): void {
  if ('speechSynthesis' in window) window.speechSynthesis.cancel();
}
