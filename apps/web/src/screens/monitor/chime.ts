let context: AudioContext | null = null;

/** A short two-note tone (WebAudio, no sound file). Silently does nothing where audio is unavailable. */
export function playChime(): void {
  try {
    context ??= new AudioContext();
    if (context.state === 'suspended') void context.resume().catch(() => undefined);
    const start = context.currentTime + 0.02;
    const gain = context.createGain();
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.25, start + 0.03);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.6);
    gain.connect(context.destination);
    const oscillator = context.createOscillator();
    oscillator.type = 'sine';
    oscillator.frequency.setValueAtTime(880, start);
    oscillator.frequency.setValueAtTime(1175, start + 0.18);
    oscillator.connect(gain);
    oscillator.start(start);
    oscillator.stop(start + 0.65);
  } catch {
    // No audio on this device: the screen still shows the new ticket.
  }
}
